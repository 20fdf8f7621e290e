import type { SessionView } from '../protocol';

export type StoredDashboard = { position: number; views: SessionView[] };

/**
 * Where the dashboard projection keeps its views and its checkpoint. `save` writes both in one
 * transaction, so after a crash the views and the position they reflect always agree.
 */
export interface SessionViewRepository {
  load(): Promise<StoredDashboard>;
  save(position: number, changed: readonly SessionView[], removedSessionIds: readonly string[]): Promise<void>;
}

export const SESSION_VIEW_REPOSITORY = Symbol('SessionViewRepository');

import type { LogPosition } from '@vigil/event-store';
import type { SessionView } from '../protocol';

/**
 * The checkpoint: `position` is the dashboard's own sequence number (what clients hold), and
 * `storePosition` the store position it corresponds to (opaque; never sent to a browser).
 */
export type StoredDashboard = { position: number; storePosition: LogPosition; views: SessionView[] };

/**
 * Where the dashboard projection keeps its views and its checkpoint. `save` writes both in one
 * transaction, so after a crash the views and the position they reflect always agree.
 */
export interface SessionViewRepository {
  load(): Promise<StoredDashboard>;
  save(position: number, storePosition: LogPosition, changed: readonly SessionView[], removedSessionIds: readonly string[]): Promise<void>;
}

export const SESSION_VIEW_REPOSITORY = Symbol('SessionViewRepository');

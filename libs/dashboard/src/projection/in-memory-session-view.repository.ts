import { LOG_START, type LogPosition } from '@vigil/event-store';
import type { SessionView } from '../protocol';
import type { SessionViewRepository, StoredDashboard } from './session-view.repository';

/** For stores without a SQL database to share (and for tests): the projection rebuilds at every start. */
export class InMemorySessionViewRepository implements SessionViewRepository {
  private position = 0;
  private storePosition: LogPosition = LOG_START;
  private readonly views = new Map<string, SessionView>();

  async load(): Promise<StoredDashboard> {
    return { position: this.position, storePosition: this.storePosition, views: [...this.views.values()].map((view) => structuredClone(view)) };
  }

  async save(position: number, storePosition: LogPosition, changed: readonly SessionView[], removedSessionIds: readonly string[]): Promise<void> {
    for (const view of changed) this.views.set(view.sessionId, structuredClone(view));
    for (const id of removedSessionIds) this.views.delete(id);
    this.position = position;
    this.storePosition = storePosition;
  }
}

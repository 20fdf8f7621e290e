import type Database from 'better-sqlite3';
import { LOG_START, positionFromString, type LogPosition } from '@vigil/event-store';
import type { SessionView } from '../protocol';
import type { SessionViewRepository, StoredDashboard } from './session-view.repository';

/**
 * Bump when SessionView's shape or the evolve's meaning changes: stored views of another version are
 * dropped and the projection rebuilds them from the event store (the store is the truth).
 */
// 4: alarms carry the rule's title and measure (issue 15, one alarm row per parameter); a dose stands
// in the timeline at the time it was given.
export const DASHBOARD_VIEW_VERSION = 4;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dashboard_session_views (
  session_id TEXT PRIMARY KEY,
  view       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dashboard_checkpoint (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  position     INTEGER NOT NULL,
  store_position TEXT NOT NULL DEFAULT '',
  view_version INTEGER NOT NULL
);
`;

/**
 * Views and checkpoint in the event store's own SQLite file, written in one transaction: the
 * docs/architecture.md rule for projections, which makes "state ahead of checkpoint" impossible.
 */
export class SqliteSessionViewRepository implements SessionViewRepository {
  private readonly statements;
  private readonly saveAll: (position: number, storePosition: LogPosition, changed: readonly SessionView[], removed: readonly string[]) => void;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      checkpoint: db.prepare<[], { position: number; store_position: string; view_version: number }>(
        'SELECT position, store_position, view_version FROM dashboard_checkpoint WHERE id = 1',
      ),
      views: db.prepare<[], { view: string }>('SELECT view FROM dashboard_session_views'),
      upsert: db.prepare<[string, string]>(
        'INSERT INTO dashboard_session_views (session_id, view) VALUES (?, ?) ON CONFLICT (session_id) DO UPDATE SET view = excluded.view',
      ),
      remove: db.prepare<[string]>('DELETE FROM dashboard_session_views WHERE session_id = ?'),
      setCheckpoint: db.prepare<[number, string, number]>(
        'INSERT INTO dashboard_checkpoint (id, position, store_position, view_version) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, store_position = excluded.store_position, view_version = excluded.view_version',
      ),
      clear: db.prepare('DELETE FROM dashboard_session_views'),
    };
    this.saveAll = db.transaction((position: number, storePosition: LogPosition, changed: readonly SessionView[], removed: readonly string[]) => {
      for (const view of changed) this.statements.upsert.run(view.sessionId, JSON.stringify(view));
      for (const id of removed) this.statements.remove.run(id);
      this.statements.setCheckpoint.run(position, storePosition, DASHBOARD_VIEW_VERSION);
    });
  }

  async load(): Promise<StoredDashboard> {
    const checkpoint = this.statements.checkpoint.get();
    if (!checkpoint) return { position: 0, storePosition: LOG_START, views: [] };
    if (checkpoint.view_version !== DASHBOARD_VIEW_VERSION) {
      this.db.transaction(() => {
        this.statements.clear.run();
        this.statements.setCheckpoint.run(0, LOG_START, DASHBOARD_VIEW_VERSION);
      })();
      return { position: 0, storePosition: LOG_START, views: [] };
    }
    return { position: checkpoint.position, storePosition: positionFromString(checkpoint.store_position), views: this.statements.views.all().map((row) => JSON.parse(row.view) as SessionView) };
  }

  async save(position: number, storePosition: LogPosition, changed: readonly SessionView[], removedSessionIds: readonly string[]): Promise<void> {
    this.saveAll(position, storePosition, changed, removedSessionIds);
  }
}

import { LOG_START, type JsonValue, type LogPosition, type ProcessorCheckpointStore } from '@vigil/event-store';
import type { SessionView } from '../protocol';
import type { SessionViewRepository, StoredDashboard } from './session-view.repository';
import { DASHBOARD_VIEW_VERSION } from './sqlite-session-view.repository';

const PROCESSOR = 'dashboard';
const VERSION = `dashboard-views@${DASHBOARD_VIEW_VERSION}`;
const SEQUENCE_KEY = 'sequence';
const viewKey = (sessionId: string) => `view:${sessionId}`;

/**
 * Views and checkpoint kept as a processor checkpoint (docs/architecture.md "Processors"): with
 * PostgreSQL in the store's own schema, one transaction for the changed views, the dashboard's
 * sequence number and the store position, so a restart resumes from them instead of rebuilding
 * every view from the log. Views of another version are dropped and rebuilt from the log.
 */
export class CheckpointedSessionViewRepository implements SessionViewRepository {
  constructor(private readonly checkpoints: ProcessorCheckpointStore) {}

  async load(): Promise<StoredDashboard> {
    const checkpoint = await this.checkpoints.load(PROCESSOR);
    if (!checkpoint || checkpoint.version !== VERSION) {
      if (checkpoint) await this.checkpoints.reset(PROCESSOR);
      return { position: 0, storePosition: LOG_START, views: [] };
    }
    const views: SessionView[] = [];
    for (const [key, value] of checkpoint.entries) {
      // Written by save() below from a SessionView, at this version: the projection's own data.
      const stored: unknown = value;
      if (key.startsWith('view:')) views.push(stored as SessionView);
    }
    return { position: Number(checkpoint.entries.get(SEQUENCE_KEY) ?? 0), storePosition: checkpoint.position, views };
  }

  async save(position: number, storePosition: LogPosition, changed: readonly SessionView[], removedSessionIds: readonly string[]): Promise<void> {
    const put = new Map<string, JsonValue>([[SEQUENCE_KEY, position]]);
    // A view is plain JSON (it is what the socket sends); the checkpoint store keeps it as such.
    for (const view of changed) put.set(viewKey(view.sessionId), JSON.parse(JSON.stringify(view)) as JsonValue);
    await this.checkpoints.save(PROCESSOR, { position: storePosition, version: VERSION, put, remove: removedSessionIds.map(viewKey) });
  }
}

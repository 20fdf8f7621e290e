import { STORE_UNAVAILABLE_TEXT, type EventStore, type StoreUnavailableError } from '@vigil/event-store';
import type { SystemConditions } from './system-conditions';

const WATCH_INTERVAL_MS = 500;

/**
 * Mirrors the store's write status into the system conditions: "recording stopped: disk full"
 * from the first failed commit until a commit succeeds again (the store decides both; this only
 * carries the news to health and the dashboard).
 */
export class StoreWriteWatcher {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly conditions: SystemConditions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.refresh(), WATCH_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Called at once when a request met the failure, so staff see it before the next poll. */
  noteFailure(error: StoreUnavailableError): void {
    this.conditions.set('recording-stopped', {
      code: 'recording-stopped',
      reason: error.reason,
      message: `recording stopped: ${STORE_UNAVAILABLE_TEXT[error.reason]}`,
      since: this.conditions.get('recording-stopped')?.since ?? new Date().toISOString(),
    });
  }

  refresh(): void {
    const status = this.store.writeStatus?.() ?? { ok: true };
    if (status.ok) this.conditions.set('recording-stopped', undefined);
    else this.conditions.set('recording-stopped', { code: 'recording-stopped', reason: status.reason, message: `recording stopped: ${STORE_UNAVAILABLE_TEXT[status.reason]}`, since: status.since });
  }
}

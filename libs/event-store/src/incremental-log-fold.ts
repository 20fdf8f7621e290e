import type { EventStore } from './event-store.port';
import type { RecordedEvent } from './events';
import { LOG_START, type LogPosition } from './positions';

const PAGE = 5_000;

/**
 * A read model kept in memory by folding the log, read once and then, at each `catchUp`, only what
 * was appended since (for lists the store has no index for: sessions, alarm history). Catch-ups run
 * one at a time, so two requests never apply the same page twice.
 */
export class IncrementalLogFold {
  private after: LogPosition = LOG_START;
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly apply: (event: RecordedEvent) => void,
  ) {}

  catchUp(): Promise<void> {
    this.catchingUp = this.catchingUp.catch(() => undefined).then(() => this.readNewEvents());
    return this.catchingUp;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ afterPosition: this.after, maxCount: PAGE });
      if (page.length === 0) return;
      for (const event of page) this.apply(event);
      this.after = page[page.length - 1]!.position;
    }
  }
}

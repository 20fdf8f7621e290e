import type { RecordedEvent } from '../events';

/**
 * The newest committed events, in position order, shared by every subscriber. Positions are
 * contiguous (one writer, AUTOINCREMENT, rolled-back rows give their numbers back), so a read
 * after position p is a slice; anything older than the window is read from SQLite instead.
 */
export class RecentEvents {
  private events: RecordedEvent[] = [];

  constructor(private readonly capacity: number) {}

  add(committed: readonly RecordedEvent[]): void {
    if (committed.length === 0) return;
    const last = this.events[this.events.length - 1];
    if (last && committed[0]!.position !== last.position + 1) this.events = [];
    this.events.push(...committed);
    if (this.events.length > this.capacity) this.events = this.events.slice(this.events.length - this.capacity / 2);
  }

  /** Events after `afterPosition`, or undefined when the window does not hold them all. */
  after(afterPosition: number, maxCount: number): RecordedEvent[] | undefined {
    const first = this.events[0];
    const last = this.events[this.events.length - 1];
    if (!first || !last || afterPosition < first.position - 1 || afterPosition >= last.position) return undefined;
    const start = afterPosition - first.position + 1;
    return this.events.slice(start, start + maxCount);
  }
}

/** Shared between subscribers, so no consumer can change what another one sees. */
export function freezeEvent(event: RecordedEvent): RecordedEvent {
  Object.freeze(event.data);
  Object.freeze(event.metadata);
  return Object.freeze(event);
}

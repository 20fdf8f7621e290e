import { integerPositions, type RecordedEvent } from '@vigil/event-store';

/**
 * The newest committed events, in position order, shared by every subscriber. SQLite positions are
 * contiguous integers (one writer, AUTOINCREMENT, rolled-back rows give their numbers back), so a
 * read after position p is a slice; anything older than the window is read from SQLite instead.
 */
export class RecentEvents {
  private events: RecordedEvent[] = [];
  private first = 0;

  constructor(private readonly capacity: number) {}

  add(committed: readonly RecordedEvent[]): void {
    if (committed.length === 0) return;
    const start = integerPositions.decode(committed[0]!.position);
    if (this.events.length === 0 || start !== this.first + this.events.length) {
      this.events = [];
      this.first = start;
    }
    this.events.push(...committed);
    if (this.events.length > this.capacity) {
      const drop = this.events.length - this.capacity / 2;
      this.events = this.events.slice(drop);
      this.first += drop;
    }
  }

  /** Events after `afterPosition`, or undefined when the window does not hold them all. */
  after(afterPosition: number, maxCount: number): RecordedEvent[] | undefined {
    const last = this.first + this.events.length - 1;
    if (this.events.length === 0 || afterPosition < this.first - 1 || afterPosition >= last) return undefined;
    const start = afterPosition - this.first + 1;
    return this.events.slice(start, start + maxCount);
  }
}

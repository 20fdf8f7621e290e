import type { AllSubscription, AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../event-store.port';
import type { NewEvent, RecordedEvent } from '../events';
import { LOG_START, integerPositions, type LogPosition } from '../positions';
import { pollingSubscription } from '../polling-subscription';
import { appendResultOf, chainEvents, prepareAppend, recordedEventOf, resolveRetry, type StoreClock, type StoredEvent } from '../store-core';

type StreamState = { events: StoredEvent[]; ids: Map<string, StoredEvent> };

/**
 * The event store in memory: the contract's fast subject and the unit tests' store. Every rule is
 * the shared layer's (store-core.ts); this adapter only keeps rows in arrays. Positions are integers.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly waiters = new Set<() => void>();
  private readonly clock: StoreClock;
  private closed = false;

  constructor(options: { clock?: StoreClock } = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  async appendToStream(stream: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) throw new Error('event store is closed');
    const append = prepareAppend(stream, events, options.expectedRevision);
    const state = this.streams.get(stream);
    const existing = state ? append.events.flatMap((event) => state.ids.get(event.id) ?? []) : [];
    const plan = resolveRetry(append, existing);
    if (plan.kind === 'done') return plan.result;
    const last = state?.events[state.events.length - 1];
    const chained = chainEvents(append, last && { revision: last.revision, hash: last.hash }, this.clock().toISOString(), plan.fresh);
    const target = state ?? { events: [], ids: new Map<string, StoredEvent>() };
    this.streams.set(stream, target);
    for (const event of chained) {
      const stored: StoredEvent = { ...event, position: integerPositions.encode(this.log.length + 1) };
      this.log.push(stored);
      target.events.push(stored);
      target.ids.set(stored.id, stored);
    }
    for (const wake of [...this.waiters]) wake();
    return appendResultOf(chained, integerPositions.encode(this.log.length));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = this.streams.get(stream)?.events ?? [];
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const types = options.types && new Set(options.types);
    const selected: StoredEvent[] = [];
    if (options.direction === 'backwards') {
      const from = options.fromRevision ?? Number.MAX_SAFE_INTEGER;
      for (let i = Math.min(from, events.length - 1); i >= 0 && selected.length < maxCount; i--) {
        if (!types || types.has(events[i]!.type)) selected.push(events[i]!);
      }
    } else {
      for (let i = options.fromRevision ?? 0; i < events.length && selected.length < maxCount; i++) {
        if (!types || types.has(events[i]!.type)) selected.push(events[i]!);
      }
    }
    return selected.map(recordedEventOf);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAfter(options.afterPosition ?? LOG_START, options.maxCount ?? 1000);
  }

  private readAfter(after: LogPosition, maxCount: number): RecordedEvent[] {
    const start = integerPositions.decode(after);
    return this.log.slice(start, start + maxCount).map(recordedEventOf);
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    return pollingSubscription({
      afterPosition: options.afterPosition ?? LOG_START,
      batchSize: options.batchSize ?? 500,
      read: async (after, max) => this.readAfter(after, max),
      waitForAppend: (after) => {
        if (this.closed) return Promise.resolve(false);
        if (integerPositions.decode(after) < this.log.length) return Promise.resolve(true);
        return new Promise((resolve) => {
          const wake = () => {
            this.waiters.delete(wake);
            resolve(!this.closed);
          };
          this.waiters.add(wake);
        });
      },
    });
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    const events = this.streams.get(stream)?.events;
    return events && events.length > 0 ? events[events.length - 1]!.revision : undefined;
  }

  async headPosition(): Promise<LogPosition> {
    return integerPositions.encode(this.log.length);
  }

  comparePositions(a: LogPosition, b: LogPosition): number {
    return integerPositions.compare(a, b);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
  }
}

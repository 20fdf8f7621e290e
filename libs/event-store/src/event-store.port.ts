import type { StoreWriteStatus } from './errors';
import type { NewEvent, RecordedEvent } from './events';
import type { LogPosition } from './positions';

/**
 * What the caller expects of the stream before the append (EventStoreDB's model). Revisions start
 * at 0 for a stream's first event, as in EventStoreDB. Semantics: docs/event-store.md.
 */
export type ExpectedRevision = 'no-stream' | 'exists' | 'any' | number;

export type AppendResult = {
  /** Revision of the last event of this append (or of the original append, for a retry). */
  nextExpectedRevision: number;
  /** Global position of that event (opaque; compare with `comparePositions`). */
  position: LogPosition;
  /** How many of the given events were new; the rest were already stored in this stream (a retry). */
  appendedCount: number;
};

export type ReadStreamOptions = {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
  /** Only events of these types (an adapter may filter on the server or in the client). */
  types?: readonly string[];
};

export type ReadAllOptions = {
  /** Exclusive: events after this position. LOG_START (the default) reads from the beginning. */
  afterPosition?: LogPosition;
  maxCount?: number;
};

export type SubscriptionMessage =
  | { kind: 'event'; event: RecordedEvent }
  /** Every event stored when the subscription reached the head has been delivered; live from here. */
  | { kind: 'caught-up'; position: LogPosition };

export type SubscribeOptions = { afterPosition?: LogPosition; batchSize?: number };

export interface AllSubscription extends AsyncIterable<SubscriptionMessage> {
  /** Ends the iteration; pending `next()` calls resolve with `done`. */
  unsubscribe(): Promise<void>;
}

/** The system of record (docs/architecture.md, docs/event-store.md). Every adapter passes `describeEventStoreContract`. */
export interface EventStore {
  appendToStream(stream: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Events after a position, in log order. Never skips: an event that becomes visible later has a
   * position after every position already returned.
   */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): AllSubscription;
  /** Revision of the stream's last event, or undefined when the stream does not exist. */
  streamRevision(stream: string): Promise<number | undefined>;
  /** Position of the newest event `readAll` can return (LOG_START when empty). */
  headPosition(): Promise<LogPosition>;
  /**
   * Orders two positions of this store (negative, 0, positive). LOG_START is before every event.
   * Throws InvalidPositionError for a string that is not one of its positions.
   */
  comparePositions(a: LogPosition, b: LogPosition): number;
  /**
   * Whether the latest commit attempt succeeded; a failing store reports why (disk full, …) until
   * a commit succeeds again. Adapters that cannot tell leave it out.
   */
  writeStatus?(): StoreWriteStatus;
  close(): Promise<void>;
}

// The store-neutral layer (docs/event-store.md): what every adapter does alike, so that none of
// them bends the rules its own way. Adapters only store rows, find rows and order them.
import { canonicalJson } from './canonical-json';
import { CorruptEventError, EventIdConflictError, InvalidAppendError, WrongExpectedRevisionError } from './errors';
import type { AppendResult, ExpectedRevision } from './event-store.port';
import type { JsonObject, NewEvent, RecordedEvent } from './events';
import { eventHashOfCanonical } from './hash-chain';
import type { LogPosition } from './positions';

/** An event checked and canonicalised once: stored, hashed and compared in this form. */
export type PreparedEvent = { id: string; type: string; occurredAt: string; data: string; metadata: string };

export type PreparedAppend = { stream: string; expectedRevision: ExpectedRevision; events: PreparedEvent[] };

/** The last event of a stream, which the next one continues. */
export type StreamHead = { revision: number; hash: string };

/** An event as a row: data and metadata (without `chain`) as canonical JSON text. */
export type ChainedEvent = PreparedEvent & { stream: string; revision: number; recordedAt: string; prevHash: string | null; hash: string };

export type StoredEvent = ChainedEvent & { position: LogPosition };

/** What an adapter found under an appended id in the same stream. */
export type ExistingEvent = Pick<StoredEvent, 'id' | 'type' | 'occurredAt' | 'data' | 'revision' | 'position'>;

/** Validates an append and canonicalises its events; throws InvalidAppendError. */
export function prepareAppend(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): PreparedAppend {
  if (typeof stream !== 'string' || stream.length === 0) throw new InvalidAppendError(String(stream), 'stream name must not be empty');
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError(stream, 'an append needs at least one event');
  if (typeof expectedRevision === 'number' && (!Number.isInteger(expectedRevision) || expectedRevision < 0)) {
    throw new InvalidAppendError(stream, `expected revision must be a non-negative integer, 'no-stream', 'exists' or 'any', got ${expectedRevision}`);
  }
  if (typeof expectedRevision !== 'number' && !['no-stream', 'exists', 'any'].includes(expectedRevision)) {
    throw new InvalidAppendError(stream, `expected revision must be a non-negative integer, 'no-stream', 'exists' or 'any', got ${String(expectedRevision)}`);
  }
  const ids = new Set<string>();
  const prepared = events.map((event): PreparedEvent => {
    if (!event.id || typeof event.id !== 'string') throw new InvalidAppendError(stream, 'every event needs an id');
    if (ids.has(event.id)) throw new InvalidAppendError(stream, `event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (!event.type || typeof event.type !== 'string') throw new InvalidAppendError(stream, `event ${event.id} has no type`);
    if (typeof event.occurredAt !== 'string' || Number.isNaN(Date.parse(event.occurredAt))) {
      throw new InvalidAppendError(stream, `event ${event.id} has no valid occurredAt`);
    }
    if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
      throw new InvalidAppendError(stream, `event ${event.id}: data must be a JSON object`);
    }
    const metadata = event.metadata ?? {};
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new InvalidAppendError(stream, `event ${event.id}: metadata must be a JSON object`);
    }
    if ('chain' in metadata) throw new InvalidAppendError(stream, `event ${event.id}: metadata.chain is the store's`);
    try {
      // canonicalJson also refuses what JSON cannot carry (NaN, Infinity, undefined in arrays).
      return { id: event.id, type: event.type, occurredAt: event.occurredAt, data: canonicalJson(event.data), metadata: canonicalJson(metadata) };
    } catch (error) {
      throw new InvalidAppendError(stream, `event ${event.id}: ${(error as Error).message}`);
    }
  });
  return { stream, expectedRevision, events: prepared };
}

export function checkExpectedRevision(stream: string, expected: ExpectedRevision, actual: number | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === undefined) ||
    (expected === 'exists' && actual !== undefined) ||
    (typeof expected === 'number' && actual === expected);
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, actual ?? 'no-stream');
}

/**
 * Checks the expected revision against the stream's head and links the events to it: revisions
 * follow on, every event is stamped `recordedAt` and hashed over everything but its chain.
 */
export function chainEvents(
  append: PreparedAppend,
  head: StreamHead | undefined,
  recordedAt: string,
  events: readonly PreparedEvent[] = append.events,
): ChainedEvent[] {
  checkExpectedRevision(append.stream, append.expectedRevision, head?.revision);
  let revision = head ? head.revision : -1;
  let prevHash: string | null = head ? head.hash : null;
  return events.map((event) => {
    revision++;
    const hash = eventHashOfCanonical({ id: event.id, stream: append.stream, revision, type: event.type, occurredAt: event.occurredAt, recordedAt, prevHash }, event.data, event.metadata);
    const chained: ChainedEvent = { ...event, stream: append.stream, revision, recordedAt, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

/**
 * Idempotency per stream, as in EventStoreDB: given what the stream already holds under the
 * append's ids, either the append was made before (the original result, appendedCount 0), or only
 * its new events remain to be written. The same id with other content is EventIdConflictError.
 * Content is type, data and occurredAt; a retry's metadata does not replace the original's.
 */
export function resolveRetry(
  append: PreparedAppend,
  existing: readonly ExistingEvent[],
): { kind: 'done'; result: AppendResult } | { kind: 'write'; fresh: PreparedEvent[] } {
  const byId = new Map(existing.map((event) => [event.id, event]));
  const fresh: PreparedEvent[] = [];
  let last: ExistingEvent | undefined;
  for (const event of append.events) {
    const stored = byId.get(event.id);
    if (!stored) {
      fresh.push(event);
      continue;
    }
    if (stored.type !== event.type || stored.occurredAt !== event.occurredAt || stored.data !== event.data) {
      throw new EventIdConflictError(event.id, append.stream, append.stream, {
        type: stored.type,
        data: parseJson(stored.data, append.stream, stored.revision) as JsonObject,
        occurredAt: stored.occurredAt,
      });
    }
    if (!last || stored.revision > last.revision) last = stored;
  }
  if (fresh.length === 0 && last) return { kind: 'done', result: { nextExpectedRevision: last.revision, position: last.position, appendedCount: 0 } };
  return { kind: 'write', fresh };
}

/** The result of a write of chained events at a position (the position of the last one). */
export function appendResultOf(chained: readonly ChainedEvent[], position: LogPosition): AppendResult {
  return { nextExpectedRevision: chained[chained.length - 1]!.revision, position, appendedCount: chained.length };
}

/** A stored row as the port returns it; a row that no longer parses is CorruptEventError. */
export function recordedEventOf(row: StoredEvent): RecordedEvent {
  const data = parseJson(row.data, row.stream, row.revision) as JsonObject;
  const metadata = (row.metadata === '{}' ? {} : parseJson(row.metadata, row.stream, row.revision)) as RecordedEvent['metadata'];
  if (typeof data !== 'object' || data === null || typeof metadata !== 'object' || metadata === null) {
    throw new CorruptEventError(row.stream, row.revision, 'stored data or metadata is not a JSON object');
  }
  metadata.chain = { prevHash: row.prevHash, hash: row.hash };
  return { id: row.id, stream: row.stream, revision: row.revision, position: row.position, type: row.type, data, metadata, occurredAt: row.occurredAt, recordedAt: row.recordedAt };
}

function parseJson(text: string, stream: string, revision: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptEventError(stream, revision, `stored JSON no longer parses (${(error as Error).message})`);
  }
}

/** Shared between subscribers, so no consumer can change what another one sees. */
export function freezeEvent(event: RecordedEvent): RecordedEvent {
  Object.freeze(event.data);
  Object.freeze(event.metadata);
  return Object.freeze(event);
}

/** An append validated and waiting in an adapter's write queue (group commit). */
export type QueuedAppend = { append: PreparedAppend; resolve: (result: AppendResult) => void; reject: (error: unknown) => void };

/** Validates an append (rejecting at once if invalid or closed) and hands it to the adapter's queue. */
export function enqueueAppend(
  closed: boolean,
  stream: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  enqueue: (queued: QueuedAppend) => void,
): Promise<AppendResult> {
  if (closed) return Promise.reject(new Error('event store is closed'));
  let append: PreparedAppend;
  try {
    append = prepareAppend(stream, events, expectedRevision);
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => enqueue({ append, resolve, reject }));
}

/** The store's clock for `recordedAt`; injected so tests and replays control it. */
export type StoreClock = () => Date;

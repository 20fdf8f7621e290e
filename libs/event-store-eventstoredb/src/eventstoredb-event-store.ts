import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START, type AllStreamResolvedEvent, type ResolvedEvent } from '@eventstore/db-client';
import {
  appendResultOf,
  canonicalJson,
  chainEvents,
  InvalidAppendError,
  LOG_START,
  prepareAppend,
  resolveRetry,
  WrongExpectedRevisionError,
  type AllSubscription,
  type AppendResult,
  type EventStore,
  type ExistingEvent,
  type ExpectedRevision,
  type LogPosition,
  type NewEvent,
  type PreparedAppend,
  type ProcessorCheckpointStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoreClock,
  type SubscribeOptions,
} from '@vigil/event-store';
import { esdbAllSubscription } from './esdb-all-subscription';
import { isStreamNotFound, isWrongExpectedVersion, translateEsdbError } from './esdb-errors';
import { contentKey, esdbEventData, recordedEventOfEsdb } from './esdb-event-layout';
import { compareEsdbPositions, decodeEsdbPosition, encodeEsdbPosition } from './esdb-positions';
import { exactRevisionAfter, portRevision } from './esdb-revisions';
import { EventStoreDbProcessorCheckpoints } from './eventstoredb-processor-checkpoints';
import { KnownStreams, type KnownStream } from './known-streams';
import { isVigilLogEvent, reservedStreamProblem } from './vigil-log-filter';

export type EventStoreDbOptions = {
  /** `esdb://host:2113?tls=false` and the other forms the client accepts. */
  connectionString: string;
  clock?: StoreClock;
  /** How many events' ids the adapter remembers across the streams it writes (known-streams.ts). */
  knownEventsLimit?: number;
};

/** Events read from $all per request while paging (filtering system events may need more than one). */
const ALL_PAGE = 500;
/** A head that moved under an append is re-read this many times before the append gives up. */
const STALE_HEAD_RETRIES = 3;

type ServerEvent = NonNullable<ResolvedEvent['event']>;

/**
 * The EventStoreDB adapter (docs/event-store.md "EventStoreDB"). The server keeps the streams, their
 * revisions and the global order; the adapter chains hashes onto the head it read and appends with
 * that exact revision, so a second writer is refused by the server, never interleaved.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly checkpoints: ProcessorCheckpointStore;
  private readonly known: KnownStreams;
  private readonly clock: StoreClock;
  private readonly streamQueues = new Map<string, Promise<unknown>>();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    options: Omit<EventStoreDbOptions, 'connectionString'>,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.known = new KnownStreams(options.knownEventsLimit ?? 500_000);
    this.checkpoints = new EventStoreDbProcessorCheckpoints(client);
  }

  /** Connects and reads the head once, so an unreachable server fails here rather than at the first append. */
  static open(options: EventStoreDbOptions): Promise<EventStoreDbEventStore> {
    return EventStoreDbEventStore.openWithClient(EventStoreDBClient.connectionString(options.connectionString), options);
  }

  /** Over a client made elsewhere (tests hand in a stand-in server's); the store disposes of it on close. */
  static async openWithClient(client: EventStoreDBClient, options: Omit<EventStoreDbOptions, 'connectionString'> = {}): Promise<EventStoreDbEventStore> {
    const store = new EventStoreDbEventStore(client, options);
    try {
      await store.headPosition();
    } catch (error) {
      await client.dispose();
      throw translateEsdbError(error, '$all');
    }
    return store;
  }

  appendToStream(stream: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    let append: PreparedAppend;
    try {
      const reserved = typeof stream === 'string' ? reservedStreamProblem(stream) : undefined;
      if (reserved) throw new InvalidAppendError(stream, reserved);
      append = prepareAppend(stream, events, options?.expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.oneAtATime(stream, () => this.appendPrepared(append));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { direction = 'forwards', fromRevision, maxCount, types } = options;
    if ((types && types.length === 0) || maxCount === 0) return [];
    const read = this.client.readStream(stream, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision: fromRevision === undefined ? (direction === 'forwards' ? START : END) : BigInt(fromRevision),
      // With a type filter the count applies after filtering, so the server is not asked to stop early.
      ...(maxCount !== undefined && !types ? { maxCount: BigInt(maxCount) } : {}),
    });
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        const event = resolved.event;
        if (!event || (types && !types.includes(event.type))) continue;
        out.push(this.recordedOf(event));
        if (maxCount !== undefined && out.length >= maxCount) break;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw translateEsdbError(error, stream);
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.afterPosition ?? LOG_START;
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    if (limit <= 0) return out;
    let seenUpTo = after;
    for (;;) {
      const page = await this.readAllPage(seenUpTo, ALL_PAGE);
      for (const resolved of page) {
        const event = resolved.event!;
        const position = encodeEsdbPosition(event.position);
        // The server reads from a position inclusively; the port reads after it.
        if (compareEsdbPositions(position, seenUpTo) <= 0) continue;
        seenUpTo = position;
        if (!isVigilLogEvent(event)) continue;
        out.push(this.recordedOf(event));
        if (out.length >= limit) return out;
      }
      if (page.length < ALL_PAGE) return out;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    return esdbAllSubscription({
      client: this.client,
      afterPosition: options.afterPosition ?? LOG_START,
      batchSize: options.batchSize ?? 500,
      readAll: (afterPosition, maxCount) => this.readAll({ afterPosition, maxCount }),
      recordedOf: (event) => this.recordedOf(event),
    });
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return last?.revision;
  }

  async headPosition(): Promise<LogPosition> {
    let before: LogPosition | undefined;
    for (;;) {
      const read = this.client.readAll({
        direction: BACKWARDS,
        fromPosition: before === undefined ? END : decodeEsdbPosition(before)!,
        maxCount: ALL_PAGE,
      });
      let count = 0;
      for await (const resolved of read) {
        count++;
        const event = resolved.event;
        if (!event) continue;
        if (isVigilLogEvent(event)) return encodeEsdbPosition(event.position);
        before = encodeEsdbPosition(event.position);
      }
      if (count < ALL_PAGE || before === undefined) return LOG_START;
    }
  }

  comparePositions(a: LogPosition, b: LogPosition): number {
    return compareEsdbPositions(a, b);
  }

  /**
   * Every stream's name after `after`, in order (for `vigil verify`). EventStoreDB lists streams
   * only through its `$streams` projection, which a server may run without, so this scans $all:
   * a whole-log read per call, for an auditor's command, never on a request path.
   */
  async streamNames(after = '', maxCount = 1000): Promise<string[]> {
    const names = new Set<string>();
    for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: START })) {
      const event = resolved.event;
      if (event && isVigilLogEvent(event) && event.streamId > after) names.add(event.streamId);
    }
    return [...names].sort().slice(0, maxCount);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.streamQueues.values()]);
    await this.client.dispose();
  }

  private async appendPrepared(append: PreparedAppend): Promise<AppendResult> {
    for (let attempt = 0; ; attempt++) {
      const known = await this.knownStream(append.stream);
      const decision = resolveRetry(append, await this.existingEvents(append, known));
      if (decision.kind === 'done') return decision.result;
      const chained = chainEvents(append, known.head, this.clock().toISOString(), decision.fresh);
      try {
        const written = await this.client.appendToStream(append.stream, chained.map(esdbEventData), { expectedRevision: exactRevisionAfter(known.head) });
        if (!written.position) throw new Error('EventStoreDB returned no position for an append (Vigil needs EventStoreDB 22.10 or later)');
        const last = chained[chained.length - 1]!;
        const position = chained.length === 1 ? encodeEsdbPosition(written.position) : await this.positionOf(append.stream, last.revision);
        for (const event of chained) {
          // Only the last event's position comes back; a retry of the others reads theirs (existingEvents).
          known.events.set(event.id, { revision: event.revision, contentKey: contentKey(event.type, event.occurredAt, event.data), ...(event === last ? { position } : {}) });
        }
        known.head = { revision: last.revision, hash: last.hash };
        this.known.set(append.stream, known);
        return appendResultOf(chained, position);
      } catch (error) {
        // Whatever happened, what this process knows of the stream may be stale now (an append
        // whose answer was lost may have been written): the next attempt reads it again.
        this.known.forget(append.stream);
        if (isWrongExpectedVersion(error) && attempt < STALE_HEAD_RETRIES) continue;
        if (isWrongExpectedVersion(error)) throw new WrongExpectedRevisionError(append.stream, append.expectedRevision, known.head?.revision ?? 'no-stream');
        throw translateEsdbError(error, append.stream);
      }
    }
  }

  /** The stream as this process knows it, read in full from the server when it does not. */
  private async knownStream(stream: string): Promise<KnownStream> {
    const cached = this.known.get(stream);
    if (cached) return cached;
    const known: KnownStream = { head: undefined, events: new Map() };
    try {
      for await (const resolved of this.client.readStream(stream, { direction: FORWARDS, fromRevision: START })) {
        if (!resolved.event) continue;
        const event = this.recordedOf(resolved.event);
        // No position kept: only a retry needs one, and it reads it (existingEvents).
        known.events.set(event.id, { revision: event.revision, contentKey: contentKey(event.type, event.occurredAt, canonicalJson(event.data)) });
        known.head = { revision: event.revision, hash: event.metadata.chain.hash };
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw translateEsdbError(error, stream);
    }
    this.known.set(stream, known);
    return known;
  }

  /**
   * The stored events under the append's ids, as the retry decision needs them. Most are answered
   * from memory; one whose content differs (a conflict, reported with what is stored) or whose
   * position this process never learnt is read from the server.
   */
  private async existingEvents(append: PreparedAppend, known: KnownStream): Promise<ExistingEvent[]> {
    const found: ExistingEvent[] = [];
    for (const event of append.events) {
      const stored = known.events.get(event.id);
      if (!stored) continue;
      if (stored.position !== undefined && stored.contentKey === contentKey(event.type, event.occurredAt, event.data)) {
        found.push({ id: event.id, type: event.type, occurredAt: event.occurredAt, data: event.data, revision: stored.revision, position: stored.position });
        continue;
      }
      const [read] = await this.readStream(append.stream, { fromRevision: stored.revision, maxCount: 1 });
      if (read) found.push({ id: read.id, type: read.type, occurredAt: read.occurredAt, data: canonicalJson(read.data), revision: read.revision, position: read.position });
    }
    return found;
  }

  /**
   * The position of one event, read back. An append of several events answers with one position,
   * the transaction's, not necessarily its last event's (EventStore-Client-Go issue 88,
   * https://github.com/kurrent-io/EventStore-Client-Go/issues/88); the port promises the last's.
   */
  private async positionOf(stream: string, revision: number): Promise<LogPosition> {
    const [event] = await this.readStream(stream, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`stream ${stream}: revision ${revision} was just appended but cannot be read back`);
    return event.position;
  }

  private async readAllPage(after: LogPosition, maxCount: number): Promise<AllStreamResolvedEvent[]> {
    const decoded = decodeEsdbPosition(after);
    const page: AllStreamResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: decoded ?? START, maxCount })) {
        if (resolved.event) page.push(resolved);
      }
    } catch (error) {
      throw translateEsdbError(error, '$all');
    }
    return page;
  }

  private recordedOf(event: ServerEvent): RecordedEvent {
    if (!event.position) throw new Error('EventStoreDB returned an event without its position (Vigil needs EventStoreDB 22.10 or later)');
    return recordedEventOfEsdb(event, portRevision(event.revision), encodeEsdbPosition(event.position));
  }

  /** One append per stream at a time in this process: each chains onto the head the one before left. */
  private oneAtATime<T>(stream: string, task: () => Promise<T>): Promise<T> {
    const previous = this.streamQueues.get(stream) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.streamQueues.set(stream, tail);
    void tail.then(() => {
      if (this.streamQueues.get(stream) === tail) this.streamQueues.delete(stream);
    });
    return run;
  }
}

import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventData,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';

type Stored = { streamId: string; id: string; revision: bigint; type: string; isJson: true; data: unknown; metadata: unknown; created: Date; position: Position };
type ReadOptions = { direction?: string; fromRevision?: bigint | string; fromPosition?: Position | string; maxCount?: number | bigint };

const before = (a: Position, b: Position) => a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);
const clone = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * An in-process stand-in for an EventStoreDB server, for unit tests of the adapter on a machine
 * without one. It models what the adapter relies on, as the server documents it: per-stream event
 * numbers from 0, expected-revision checks, $all ordered by (commit, prepare) with system events in
 * it, one position per append answered (the transaction's), readStream of a missing stream failing
 * with StreamNotFoundError, inclusive forward reads of $all, and catch-up subscriptions that the
 * test can drop. It is no evidence about the real server: docs/event-store.md says what ran where.
 */
export class FakeEventStoreDbServer {
  private readonly log: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private nextOffset = 1_000n;
  private readonly wakers = new Set<() => void>();
  private readonly liveSubscriptions = new Set<{ fail(error: Error): void }>();
  /** Appends seen, for tests that count round trips. */
  appendCalls = 0;

  constructor() {
    // The server writes its own events into $all; the adapter must never show them.
    this.write('$stats-127.0.0.1:2113', [{ type: '$statsCollected', data: {}, metadata: {} }]);
  }

  /** The subset of the client the adapter uses, over this server. */
  client(): EventStoreDBClient {
    const client = {
      appendToStream: async (stream: string, events: EventData | EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}) => this.append(stream, Array.isArray(events) ? events : [events], options.expectedRevision ?? ANY),
      readStream: (stream: string, options: ReadOptions = {}) => this.readStream(stream, options),
      readAll: (options: ReadOptions = {}) => this.readAll(options),
      subscribeToAll: (options: { fromPosition?: Position | string; filter?: { filterOn: string; regex?: string } } = {}) => this.subscribe(options),
      setStreamMetadata: async (stream: string, metadata: unknown) => this.write(`$$${stream}`, [{ type: '$metadata', data: metadata as never, metadata: {} }]),
      dispose: async () => undefined,
    };
    return client as unknown as EventStoreDBClient;
  }

  /** Ends every live subscription with an error, as a server restart or a network cut would. */
  dropSubscriptions(): void {
    for (const subscription of [...this.liveSubscriptions]) subscription.fail(new Error('subscription dropped by the server'));
  }

  private append(stream: string, events: EventData[], expected: AppendExpectedRevision) {
    this.appendCalls++;
    const current = this.streams.get(stream);
    const actual = current ? BigInt(current.length - 1) : undefined;
    const ok = expected === ANY || (expected === NO_STREAM && actual === undefined) || (expected === STREAM_EXISTS && actual !== undefined) || (typeof expected === 'bigint' && expected === actual);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName: stream, expected, current: actual ?? NO_STREAM } as never);
    const transaction = this.write(stream, events);
    return { success: true, nextExpectedRevision: BigInt(this.streams.get(stream)!.length - 1), position: transaction };
  }

  private write(stream: string, events: Pick<EventData, 'type' | 'data' | 'metadata'>[]): Position {
    const list = this.streams.get(stream) ?? [];
    this.streams.set(stream, list);
    const commit = this.nextOffset;
    for (const event of events) {
      const prepare = this.nextOffset;
      this.nextOffset += 137n;
      const stored: Stored = {
        streamId: stream,
        id: (event as EventData).id ?? `00000000-0000-4000-8000-${String(prepare).padStart(12, '0')}`,
        revision: BigInt(list.length),
        type: event.type,
        isJson: true,
        data: clone(event.data),
        metadata: clone(event.metadata),
        created: new Date(),
        position: { commit, prepare },
      };
      list.push(stored);
      this.log.push(stored);
    }
    for (const wake of [...this.wakers]) wake();
    return { commit, prepare: commit };
  }

  private async *readStream(stream: string, options: ReadOptions) {
    const list = this.streams.get(stream);
    if (!list) throw new StreamNotFoundError(undefined as never, stream);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision === undefined || options.fromRevision === START ? (backwards ? list.length - 1 : 0) : options.fromRevision === END ? list.length - 1 : Number(options.fromRevision);
    let count = 0;
    for (let i = backwards ? Math.min(from, list.length - 1) : from; backwards ? i >= 0 : i < list.length; i += backwards ? -1 : 1) {
      if (count++ >= max) return;
      yield { event: list[i]! };
    }
  }

  private async *readAll(options: ReadOptions) {
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromPosition;
    const snapshot = [...this.log];
    const selected =
      options.direction === BACKWARDS
        ? snapshot.reverse().filter((event) => from === undefined || from === END || from === START || before(event.position, from as Position))
        : snapshot.filter((event) => from === undefined || from === START || !before(event.position, from as Position));
    for (const event of selected.slice(0, max)) yield { event };
  }

  private subscribe(options: { fromPosition?: Position | string; filter?: { filterOn: string; regex?: string } }) {
    let after = options.fromPosition === START || options.fromPosition === undefined ? undefined : (options.fromPosition as Position);
    const regex = options.filter?.regex ? new RegExp(options.filter.regex) : undefined;
    const matches = (event: Stored) => !regex || regex.test(options.filter!.filterOn === 'eventType' ? event.type : event.streamId);
    let closed = false;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const handle = {
      fail: (error: Error) => {
        failure = error;
        wake?.();
      },
    };
    this.liveSubscriptions.add(handle);
    const server = this;
    async function* events() {
      try {
        for (;;) {
          if (failure) throw failure;
          if (closed) return;
          const next = server.log.find((event) => after === undefined || before(after, event.position));
          if (next) {
            after = next.position;
            if (matches(next)) yield { event: next };
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            server.wakers.add(resolve);
          });
          server.wakers.delete(wake!);
        }
      } finally {
        server.liveSubscriptions.delete(handle);
      }
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      unsubscribe: async () => {
        closed = true;
        wake?.();
      },
    };
  }
}

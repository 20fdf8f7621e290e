import type { AppendResult, EventStore } from '../event-store.port';
import type { NewEvent, RecordedEvent } from '../events';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import { recordedEventHash, verifyStream } from '../hash-chain';
import { LOG_START, type LogPosition } from '../positions';
import { verifyStoredStream } from '../verify-stored-stream';

/**
 * An append made by another writer whose transaction stays open until `commit`. Adapters whose
 * writers can commit out of position order (PostgreSQL) supply it; an adapter that serialises its
 * writers (SQLite, in-memory) cannot hold one open while others commit, and leaves it out.
 */
export type HeldOpenAppend = (stream: string, events: NewEvent[]) => Promise<{ commit(): Promise<AppendResult> }>;

export type EventStoreFactory = () => Promise<{ store: EventStore; dispose?: () => Promise<void>; holdAppendOpen?: HeldOpenAppend }>;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export const testEvent = (id: string, data: Record<string, unknown> = {}, type = 'SomethingHappened'): NewEvent => ({
  id,
  type,
  data: { ...data } as NewEvent['data'],
  metadata: { causedBy: 'contract-test' },
  occurredAt: '2026-11-29T10:00:00.000Z',
});

const events = (stream: string, n: number, from = 0): NewEvent[] =>
  Array.from({ length: n }, (_, i) => testEvent(`${stream}-e${from + i}`, { n: from + i }));

async function take<T>(iterator: AsyncIterator<T>, count: number, timeoutMs = 5000): Promise<T[]> {
  const out: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${out.length} of ${count} messages`)), timeoutMs);
  });
  try {
    while (out.length < count) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next.done) break;
      out.push(next.value);
    }
    return out;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The contract every EventStore adapter passes unchanged (docs/architecture.md: one port, several adapters,
 * one contract suite). Streams get unique names so the suite also runs against a shared server.
 */
export function describeEventStoreContract(adapterName: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    let dispose: (() => Promise<void>) | undefined;
    let holdAppendOpen: HeldOpenAppend | undefined;
    const sortByPosition = (positions: LogPosition[]) => [...positions].sort((x, y) => store.comparePositions(x, y));
    /**
     * An acknowledged append is in readStream at once; readAll, subscriptions and headPosition may
     * show it a little later (PostgreSQL: once older transactions end), never skip it.
     */
    const untilVisible = async (position: LogPosition, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (store.comparePositions(await store.headPosition(), position) < 0) {
        if (Date.now() > deadline) throw new Error(`position ${position} is still not visible to readAll after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    beforeEach(async () => {
      ({ store, dispose, holdAppendOpen } = await factory());
    });
    afterEach(async () => {
      await store.close();
      await dispose?.();
    });

    describe('append with an expected revision', () => {
      it('starts a stream at revision 0 and returns its global position', async () => {
        const stream = unique('s');
        const result = await store.appendToStream(stream, events(stream, 1), { expectedRevision: 'no-stream' });
        expect(result.nextExpectedRevision).toBe(0);
        expect(typeof result.position).toBe('string');
        expect(store.comparePositions(result.position, LOG_START)).toBeGreaterThan(0);
        expect(store.comparePositions(LOG_START, result.position)).toBeLessThan(0);
        expect(store.comparePositions(result.position, result.position)).toBe(0);
        expect(await store.streamRevision(stream)).toBe(0);
      });

      it('numbers a batch consecutively and continues from the exact revision', async () => {
        const stream = unique('s');
        await store.appendToStream(stream, events(stream, 3), { expectedRevision: 'no-stream' });
        const result = await store.appendToStream(stream, events(stream, 2, 3), { expectedRevision: 2 });
        expect(result.nextExpectedRevision).toBe(4);
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(read.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4]);
      });

      it.each([
        ['no-stream on an existing stream', 'no-stream', true],
        ['exists on a missing stream', 'exists', false],
        ['a stale exact revision', 0, true],
        ['a future exact revision', 5, true],
        ['an exact revision on a missing stream', 0, false],
      ] as const)('rejects %s with WrongExpectedRevisionError', async (_name, expected, createFirst) => {
        const stream = unique('s');
        if (createFirst) await store.appendToStream(stream, events(stream, 2), { expectedRevision: 'no-stream' });
        const attempt = store.appendToStream(stream, [testEvent(unique('x'))], { expectedRevision: expected });
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({ stream, expected });
        expect(await store.streamRevision(stream)).toBe(createFirst ? 1 : undefined);
      });

      it('accepts exists on an existing stream and any in every case', async () => {
        const stream = unique('s');
        await store.appendToStream(stream, events(stream, 1), { expectedRevision: 'any' });
        await store.appendToStream(stream, events(stream, 1, 1), { expectedRevision: 'exists' });
        await store.appendToStream(stream, events(stream, 1, 2), { expectedRevision: 'any' });
        expect(await store.streamRevision(stream)).toBe(2);
      });

      it('lets exactly one of two concurrent appends at the same revision win', async () => {
        const stream = unique('s');
        await store.appendToStream(stream, events(stream, 1), { expectedRevision: 'no-stream' });
        const results = await Promise.allSettled([
          store.appendToStream(stream, [testEvent(unique('a'))], { expectedRevision: 0 }),
          store.appendToStream(stream, [testEvent(unique('b'))], { expectedRevision: 0 }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('keeps concurrent appends to different streams independent', async () => {
        const streams = Array.from({ length: 20 }, () => unique('p'));
        const results = await Promise.all(streams.map((s) => store.appendToStream(s, events(s, 5), { expectedRevision: 'no-stream' })));
        expect(new Set(results.map((r) => r.position)).size).toBe(20);
        for (const s of streams) expect(await store.streamRevision(s)).toBe(4);
      });

      it('gives later appends later positions', async () => {
        const stream = unique('s');
        const first = await store.appendToStream(stream, events(stream, 2), { expectedRevision: 'no-stream' });
        const second = await store.appendToStream(stream, events(stream, 1, 2), { expectedRevision: 1 });
        expect(store.comparePositions(first.position, second.position)).toBeLessThan(0);
        expect(store.comparePositions(second.position, first.position)).toBeGreaterThan(0);
        await untilVisible(second.position);
        expect(store.comparePositions(await store.headPosition(), second.position)).toBeGreaterThanOrEqual(0);
      });
    });

    describe('idempotent appends', () => {
      it('treats a retried append as a no-op returning the original result', async () => {
        const stream = unique('s');
        const batch = events(stream, 3);
        const first = await store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
        await store.appendToStream(stream, events(stream, 1, 3), { expectedRevision: 2 });
        // The retry's expected revision is stale by now; it must still succeed and change nothing.
        const retry = await store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
        expect(first.appendedCount).toBe(3);
        expect(retry).toEqual({ ...first, appendedCount: 0 });
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('appends only the new events of a batch that repeats earlier ones', async () => {
        const stream = unique('s');
        await store.appendToStream(stream, events(stream, 2), { expectedRevision: 'no-stream' });
        const result = await store.appendToStream(stream, events(stream, 4), { expectedRevision: 1 });
        expect(result.nextExpectedRevision).toBe(3);
        expect(result.appendedCount).toBe(2);
        expect((await store.readStream(stream)).map((e) => e.id)).toEqual(events(stream, 4).map((e) => e.id));
      });

      it('refuses an id already used with different content', async () => {
        const stream = unique('s');
        const id = unique('id');
        await store.appendToStream(stream, [testEvent(id, { spo2: 97 })], { expectedRevision: 'no-stream' });
        const attempt = store.appendToStream(stream, [testEvent(id, { spo2: 87 })], { expectedRevision: 'any' });
        await expect(attempt).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(attempt).rejects.toMatchObject({ eventId: id, stream, original: { type: 'SomethingHappened', data: { spo2: 97 } } });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('keeps ids per stream, as EventStoreDB does: the same id in another stream is another event', async () => {
        const a = unique('a');
        const b = unique('b');
        const id = unique('id');
        const first = await store.appendToStream(a, [testEvent(id, { spo2: 97 })], { expectedRevision: 'no-stream' });
        const other = await store.appendToStream(b, [testEvent(id, { spo2: 88 })], { expectedRevision: 'no-stream' });
        expect(other.appendedCount).toBe(1);
        expect(store.comparePositions(first.position, other.position)).not.toBe(0);
        expect((await store.readStream(a)).map((e) => e.data.spo2)).toEqual([97]);
        expect((await store.readStream(b)).map((e) => e.data.spo2)).toEqual([88]);
        // Each stream still recognises its own retry.
        await expect(store.appendToStream(b, [testEvent(id, { spo2: 88 })], { expectedRevision: 'any' })).resolves.toEqual({ ...other, appendedCount: 0 });
      });

      it('treats key order as the same content', async () => {
        const stream = unique('s');
        const id = unique('id');
        await store.appendToStream(stream, [testEvent(id, { a: 1, b: { c: 2, d: 3 } })], { expectedRevision: 'no-stream' });
        await store.appendToStream(stream, [testEvent(id, { b: { d: 3, c: 2 }, a: 1 })], { expectedRevision: 'any' });
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('reading a stream', () => {
      it('reads forwards and backwards from a revision with a count', async () => {
        const stream = unique('s');
        await store.appendToStream(stream, events(stream, 10), { expectedRevision: 'no-stream' });
        const fwd = await store.readStream(stream, { fromRevision: 3, maxCount: 4 });
        expect(fwd.map((e) => e.revision)).toEqual([3, 4, 5, 6]);
        const back = await store.readStream(stream, { direction: 'backwards', maxCount: 3 });
        expect(back.map((e) => e.revision)).toEqual([9, 8, 7]);
        const backFrom = await store.readStream(stream, { direction: 'backwards', fromRevision: 2 });
        expect(backFrom.map((e) => e.revision)).toEqual([2, 1, 0]);
      });

      it('reads only the given event types, in both directions', async () => {
        const stream = unique('s');
        const mixed = Array.from({ length: 9 }, (_, i) => testEvent(`${stream}-m${i}`, { i }, i % 3 === 0 ? 'SessionThing' : 'Reading'));
        await store.appendToStream(stream, mixed, { expectedRevision: 'no-stream' });
        const things = await store.readStream(stream, { types: ['SessionThing'] });
        expect(things.map((e) => e.revision)).toEqual([0, 3, 6]);
        const lastThing = await store.readStream(stream, { types: ['SessionThing', 'Missing'], direction: 'backwards', maxCount: 1 });
        expect(lastThing.map((e) => e.revision)).toEqual([6]);
        expect(await store.readStream(stream, { types: ['Reading'], fromRevision: 7 })).toHaveLength(2);
        expect(await store.readStream(stream, { types: [] })).toEqual([]);
      });

      it('returns an empty list for a missing stream', async () => {
        expect(await store.readStream(unique('missing'))).toEqual([]);
        expect(await store.streamRevision(unique('missing'))).toBeUndefined();
      });

      it('returns every field it was given, with the recorded time and position', async () => {
        const stream = unique('s');
        const event = { ...testEvent(unique('id'), { spo2: 97.5, nested: { list: [1, 'two', null, true] } }, 'OximetryObserved') };
        const { position } = await store.appendToStream(stream, [event], { expectedRevision: 'no-stream' });
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({ id: event.id, stream, revision: 0, position, type: 'OximetryObserved', data: event.data, occurredAt: event.occurredAt });
        expect(read!.metadata).toMatchObject({ causedBy: 'contract-test' });
        await untilVisible(position);
        const [viaAll] = (await store.readAll({ afterPosition: LOG_START, maxCount: 100_000 })).filter((e) => e.stream === stream);
        expect(viaAll).toEqual(read);
        expect(Number.isNaN(Date.parse(read!.recordedAt))).toBe(false);
      });
    });

    describe('reading all', () => {
      it('reads every stream in global order, in batches from a position', async () => {
        const start = await store.headPosition();
        const a = unique('a');
        const b = unique('b');
        await store.appendToStream(a, events(a, 3), { expectedRevision: 'no-stream' });
        await store.appendToStream(b, events(b, 2), { expectedRevision: 'no-stream' });
        await untilVisible((await store.appendToStream(a, events(a, 2, 3), { expectedRevision: 2 })).position);
        const seen: RecordedEvent[] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll({ afterPosition: after, maxCount: 2 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(2);
          seen.push(...page);
          after = page[page.length - 1]!.position;
        }
        const ours = seen.filter((e) => e.stream === a || e.stream === b);
        expect(ours.map((e) => `${e.stream === a ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'a3', 'a4']);
        const positions = seen.map((e) => e.position);
        expect(sortByPosition(positions)).toEqual(positions);
        expect(await store.headPosition()).toBe(positions[positions.length - 1]);
      });
    });

    describe('reading all, at length', () => {
      it('pages through hundreds of events in one order, each once, the order readStream and comparePositions agree with', async () => {
        const start = await store.headPosition();
        const a = unique('long');
        const b = unique('long');
        await store.appendToStream(a, events(a, 150), { expectedRevision: 'no-stream' });
        await store.appendToStream(b, events(b, 120), { expectedRevision: 'no-stream' });
        const last = await store.appendToStream(a, events(a, 30, 150), { expectedRevision: 149 });
        await untilVisible(last.position);
        const seen: RecordedEvent[] = [];
        for (let after = start; ; ) {
          const page = await store.readAll({ afterPosition: after, maxCount: 7 });
          if (page.length === 0) break;
          seen.push(...page);
          after = page[page.length - 1]!.position;
        }
        const ours = seen.filter((e) => e.stream === a || e.stream === b);
        expect(ours).toHaveLength(300);
        expect(new Set(ours.map((e) => `${e.stream}@${e.revision}`)).size).toBe(300);
        expect(ours.filter((e) => e.stream === a).map((e) => e.revision)).toEqual(Array.from({ length: 180 }, (_, i) => i));
        expect(ours.filter((e) => e.stream === b).map((e) => e.revision)).toEqual(Array.from({ length: 120 }, (_, i) => i));
        for (let i = 1; i < seen.length; i++) expect(store.comparePositions(seen[i - 1]!.position, seen[i]!.position)).toBeLessThan(0);
        expect(await store.headPosition()).toBe(seen[seen.length - 1]!.position);
      });
    });

    describe('subscribing to all', () => {
      it('catches up from a position, says so, then delivers live appends in order', async () => {
        const start = await store.headPosition();
        const stream = unique('s');
        await untilVisible((await store.appendToStream(stream, events(stream, 3), { expectedRevision: 'no-stream' })).position);
        const subscription = store.subscribeToAll({ afterPosition: start, batchSize: 2 });
        const iterator = subscription[Symbol.asyncIterator]();
        const catchUp = await take(iterator, 4);
        expect(catchUp.slice(0, 3).map((m) => (m.kind === 'event' ? m.event.revision : m.kind))).toEqual([0, 1, 2]);
        expect(catchUp[3]).toMatchObject({ kind: 'caught-up' });
        const live = take(iterator, 3);
        await store.appendToStream(stream, events(stream, 2, 3), { expectedRevision: 2 });
        await store.appendToStream(stream, events(stream, 1, 5), { expectedRevision: 4 });
        expect((await live).map((m) => (m.kind === 'event' ? m.event.revision : m.kind))).toEqual([3, 4, 5]);
        await subscription.unsubscribe();
      });

      it('starts after the given position and misses nothing appended while it catches up', async () => {
        const stream = unique('s');
        await store.appendToStream(stream, events(stream, 5), { expectedRevision: 'no-stream' });
        const [, second] = await store.readStream(stream);
        const subscription = store.subscribeToAll({ afterPosition: second!.position, batchSize: 1 });
        const iterator = subscription[Symbol.asyncIterator]();
        const appending = (async () => {
          for (let i = 5; i < 25; i++) await store.appendToStream(stream, events(stream, 1, i), { expectedRevision: i - 1 });
        })();
        const received: number[] = [];
        while (received.length < 23) {
          const [message] = await take(iterator, 1);
          if (message?.kind === 'event' && message.event.stream === stream) received.push(message.event.revision);
        }
        await appending;
        expect(received).toEqual(Array.from({ length: 23 }, (_, i) => i + 2));
        await subscription.unsubscribe();
      });

      it('never skips an event whose transaction commits after one with a later position', async () => {
        // Only adapters with concurrent writers can hold a transaction open while others commit.
        if (!holdAppendOpen) return;
        const start = await store.headPosition();
        const held = unique('held');
        const others = [unique('o'), unique('o'), unique('o')];
        const subscription = store.subscribeToAll({ afterPosition: start, batchSize: 2 });
        const iterator = subscription[Symbol.asyncIterator]();
        const open = await holdAppendOpen(held, events(held, 2));
        for (const other of others) await store.appendToStream(other, events(other, 2), { expectedRevision: 'no-stream' });
        // A reader that checkpoints now, while the held transaction is open, ...
        let checkpoint = start;
        for (;;) {
          const page = await store.readAll({ afterPosition: checkpoint, maxCount: 1 });
          if (page.length === 0) break;
          checkpoint = page[page.length - 1]!.position;
        }
        const committed = await open.commit();
        // ... still reads the held events after its checkpoint once they commit,
        const later = await store.readAll({ afterPosition: checkpoint, maxCount: 100_000 });
        expect(later.filter((e) => e.stream === held).map((e) => e.revision)).toEqual([0, 1]);
        expect(later.some((e) => e.position === committed.position)).toBe(true);
        // and a subscription delivers every event once, in an order readAll agrees with.
        const ours = new Set([held, ...others]);
        const delivered: RecordedEvent[] = [];
        while (delivered.length < 8) {
          const [message] = await take(iterator, 1);
          if (message?.kind === 'event' && ours.has(message.event.stream)) delivered.push(message.event);
        }
        expect(delivered.map((e) => `${e.stream}@${e.revision}`).sort()).toEqual([held, ...others].flatMap((s) => [`${s}@0`, `${s}@1`]).sort());
        expect(sortByPosition(delivered.map((e) => e.position))).toEqual(delivered.map((e) => e.position));
        await subscription.unsubscribe();
      });

      it('ends the iteration on unsubscribe', async () => {
        const subscription = store.subscribeToAll({ afterPosition: await store.headPosition() });
        const iterator = subscription[Symbol.asyncIterator]();
        await take(iterator, 1); // caught-up
        const pending = iterator.next();
        await subscription.unsubscribe();
        await expect(pending).resolves.toMatchObject({ done: true });
      });
    });

    describe('hash chain', () => {
      it('links every event to the previous one in its stream and hashes its content', async () => {
        const stream = unique('s');
        await store.appendToStream(stream, events(stream, 3), { expectedRevision: 'no-stream' });
        await store.appendToStream(stream, events(stream, 2, 3), { expectedRevision: 2 });
        const read = await store.readStream(stream);
        expect(read[0]!.metadata.chain.prevHash).toBeNull();
        for (let i = 1; i < read.length; i++) expect(read[i]!.metadata.chain.prevHash).toBe(read[i - 1]!.metadata.chain.hash);
        for (const e of read) {
          expect(e.metadata.chain.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(e.metadata.chain.hash).toBe(recordedEventHash(e));
        }
        await expect(verifyStoredStream(store, stream)).resolves.toEqual({ ok: true, stream, events: 5, lastHash: read[4]!.metadata.chain.hash });
      });

      it('chains streams independently', async () => {
        const a = unique('a');
        const b = unique('b');
        await store.appendToStream(a, events(a, 2), { expectedRevision: 'no-stream' });
        await store.appendToStream(b, events(b, 2), { expectedRevision: 'no-stream' });
        const [b0] = await store.readStream(b);
        expect(b0!.metadata.chain.prevHash).toBeNull();
        expect((await verifyStoredStream(store, a)).ok).toBe(true);
        expect((await verifyStoredStream(store, b)).ok).toBe(true);
      });

      it('reports the first revision whose content, link or presence does not hold', async () => {
        const stream = unique('s');
        await store.appendToStream(stream, events(stream, 6), { expectedRevision: 'no-stream' });
        const read = await store.readStream(stream);
        const edited = read.map((e) => (e.revision === 3 ? { ...e, data: { ...e.data, n: 99 } } : e));
        await expect(verifyStream(stream, edited)).resolves.toMatchObject({ ok: false, revision: 3, reason: expect.stringContaining('hash mismatch') });
        const retimed = read.map((e) => (e.revision === 1 ? { ...e, occurredAt: '2026-11-29T09:00:00.000Z' } : e));
        await expect(verifyStream(stream, retimed)).resolves.toMatchObject({ ok: false, revision: 1 });
        const reattributed = read.map((e) => (e.revision === 4 ? { ...e, metadata: { ...e.metadata, causedBy: 'someone-else' } } : e));
        await expect(verifyStream(stream, reattributed)).resolves.toMatchObject({ ok: false, revision: 4, reason: expect.stringContaining('hash mismatch') });
        const deleted = read.filter((e) => e.revision !== 2);
        await expect(verifyStream(stream, deleted)).resolves.toMatchObject({ ok: false, revision: 2, reason: expect.stringContaining('missing') });
        const swapped = [read[0]!, read[2]!, read[1]!, ...read.slice(3)];
        await expect(verifyStream(stream, swapped)).resolves.toMatchObject({ ok: false, revision: 1 });
      });
    });
  });
}

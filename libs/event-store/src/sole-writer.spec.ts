import { testEvent } from './conformance/event-store.contract';
import { WrongExpectedRevisionError } from './errors';
import type { EventStore } from './event-store.port';
import { InMemoryEventStore } from './in-memory/in-memory-event-store';
import { SoleWriter } from './sole-writer';

/** Records the expected revision of every append the writer makes. */
function spied(store: EventStore) {
  const expected: unknown[] = [];
  const original = store.appendToStream.bind(store);
  store.appendToStream = (stream, events, options) => {
    expected.push(options.expectedRevision);
    return original(stream, events, options);
  };
  return expected;
}

describe('SoleWriter', () => {
  it('appends with the exact revision it last stored, reading the head only once', async () => {
    const store = new InMemoryEventStore();
    const expected = spied(store);
    const read = jest.spyOn(store, 'streamRevision');
    const writer = new SoleWriter(store);
    await writer.append('s', [testEvent('a')]);
    await writer.append('s', [testEvent('b'), testEvent('c')]);
    await writer.append('s', [testEvent('d')]);
    expect(expected).toEqual(['no-stream', 0, 2]);
    expect(read).toHaveBeenCalledTimes(1);
    expect((await store.readStream('s')).map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps one stream in call order when appends are made at once', async () => {
    const store = new InMemoryEventStore();
    const writer = new SoleWriter(store);
    await Promise.all(Array.from({ length: 20 }, (_, i) => writer.append('s', [testEvent(`e${i}`)])));
    expect((await store.readStream('s')).map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`));
    expect(writer.conflicts).toBe(0);
  });

  it('is caught by another writer, counts it, and retries once against the new head', async () => {
    const store = new InMemoryEventStore();
    const conflicts: WrongExpectedRevisionError[] = [];
    const writer = new SoleWriter(store, (error) => conflicts.push(error));
    await writer.append('s', [testEvent('a')]);
    await store.appendToStream('s', [testEvent('intruder')], { expectedRevision: 'any' });
    await writer.append('s', [testEvent('b')]);
    expect(writer.conflicts).toBe(1);
    expect(conflicts[0]).toMatchObject({ stream: 's', expected: 0, actual: 1 });
    expect((await store.readStream('s')).map((e) => e.id)).toEqual(['a', 'intruder', 'b']);
  });

  it('throws when the other writer keeps writing', async () => {
    const store = new InMemoryEventStore();
    const writer = new SoleWriter(store);
    await writer.append('s', [testEvent('a')]);
    const original = store.appendToStream.bind(store);
    store.appendToStream = async (stream, events, options) => {
      await original(stream, [testEvent(`intruder-${Math.random()}`)], { expectedRevision: 'any' });
      return original(stream, events, options);
    };
    await expect(writer.append('s', [testEvent('b')])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(writer.conflicts).toBe(1);
  });

  it('after an append that was a retry, reads the head again instead of trusting the old revision', async () => {
    const store = new InMemoryEventStore();
    const writer = new SoleWriter(store);
    await writer.append('s', [testEvent('a')]);
    await writer.append('s', [testEvent('b')]);
    const retry = await writer.append('s', [testEvent('a')]);
    expect(retry).toMatchObject({ appendedCount: 0, nextExpectedRevision: 0 });
    await writer.append('s', [testEvent('c')]);
    expect(writer.conflicts).toBe(0);
    expect((await store.readStream('s')).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('a failed append does not stop the next one on the same stream', async () => {
    const store = new InMemoryEventStore();
    const writer = new SoleWriter(store);
    const bad = writer.append('s', [testEvent('x'), testEvent('x')]);
    const good = writer.append('s', [testEvent('y')]);
    await expect(bad).rejects.toThrow(/twice/);
    await expect(good).resolves.toMatchObject({ appendedCount: 1 });
  });
});

import { InMemoryEventStore } from './in-memory/in-memory-event-store';
import { IncrementalLogFold } from './incremental-log-fold';

const event = (id: string) => ({ id, type: 'Noted', data: { id }, occurredAt: '2026-12-01T10:00:00.000Z' });

describe('a read model folded from the log', () => {
  it('applies every event once, however many catch-ups run, at once or one after another', async () => {
    const store = new InMemoryEventStore();
    const seen: string[] = [];
    const fold = new IncrementalLogFold(store, (e) => seen.push(String(e.data.id)));
    await store.appendToStream('a', [event('1'), event('2')], { expectedRevision: 'no-stream' });
    await Promise.all([fold.catchUp(), fold.catchUp()]);
    expect(seen).toEqual(['1', '2']);
    await store.appendToStream('b', [event('3')], { expectedRevision: 'no-stream' });
    await fold.catchUp();
    await fold.catchUp();
    expect(seen).toEqual(['1', '2', '3']);
  });
});

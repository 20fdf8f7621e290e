import { InMemoryEventStore, testEvent } from '@vigil/event-store';
import { auditEventOf, eventsInWindow, InvalidReplayWindowError, ndjsonLine } from './replay-lines';

describe('replay lines', () => {
  async function recorded() {
    let now = Date.parse('2026-11-30T09:00:00.000Z');
    const store = new InMemoryEventStore({ clock: () => new Date((now += 60_000)) });
    for (let i = 0; i < 5; i++) await store.appendToStream('session-s1', [testEvent(`e-${i}`, { i })], { expectedRevision: 'any' });
    return store.readStream('session-s1');
  }

  it('keeps the events recorded within the window, both ends included', async () => {
    const events = await recorded();
    expect(eventsInWindow(events, {}).map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4]);
    expect(eventsInWindow(events, { from: events[1]!.recordedAt, to: events[3]!.recordedAt }).map((e) => e.data.i)).toEqual([1, 2, 3]);
    expect(eventsInWindow(events, { from: events[4]!.recordedAt }).map((e) => e.data.i)).toEqual([4]);
  });

  it('refuses a time that is not ISO 8601 and a window that ends before it starts, naming the field', () => {
    expect(() => eventsInWindow([], { from: 'yesterday' })).toThrow(new InvalidReplayWindowError('from', 'yesterday', 'is not an ISO 8601 time'));
    expect(() => eventsInWindow([], { from: '2026-11-30T10:00:00Z', to: '2026-11-30T09:00:00Z' })).toThrow(/^to: "2026-11-30T09:00:00Z" is before from/);
  });

  it('prints one JSON object a line with stream, revision and chain, but no store position', async () => {
    const [event] = await recorded();
    const line = ndjsonLine(event!);
    expect(line.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toEqual(auditEventOf(event!));
    expect(parsed).toMatchObject({ stream: 'session-s1', revision: 0, metadata: { chain: { hash: expect.any(String) } } });
    expect(parsed).not.toHaveProperty('position');
  });
});

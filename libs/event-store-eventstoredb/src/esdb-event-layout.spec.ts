import { chainEvents, CorruptEventError, LOG_START, prepareAppend, recordedEventHash, StoreFormatError, testEvent, verifyStream, type ChainedEvent } from '@vigil/event-store';
import { eventUuid } from './deterministic-event-uuid';
import { contentKey, ESDB_STORE_FORMAT, esdbEventData, recordedEventOfEsdb, type EsdbRecorded } from './esdb-event-layout';
import { encodeEsdbPosition } from './esdb-positions';

const stream = 'vitals-s1';
const chained = (): ChainedEvent[] => {
  const append = prepareAppend(stream, [testEvent('r-1', { spo2: 97, nested: { b: 2, a: [1, null] } }, 'OximetryObserved'), testEvent('r-2', { spo2: 88 }, 'OximetryObserved')], 'no-stream');
  return chainEvents(append, undefined, '2026-11-29T10:00:01.000Z');
};
/** What the server hands back for event data it was given: the JSON parsed, the number it gave the event. */
const asStored = (event: ChainedEvent): EsdbRecorded => {
  const data = esdbEventData(event);
  return { streamId: event.stream, revision: BigInt(event.revision), type: data.type, isJson: true, data: JSON.parse(JSON.stringify(data.data)), metadata: JSON.parse(JSON.stringify(data.metadata)) };
};

describe('a Vigil event in EventStoreDB', () => {
  it("keeps the store's fields under vigil and the caller's metadata under metadata", () => {
    const [first] = chained();
    const data = esdbEventData(first!);
    expect(data.id).toBe(eventUuid(stream, 'r-1'));
    expect(data.type).toBe('OximetryObserved');
    expect(data.contentType).toBe('application/json');
    expect(data.data).toEqual({ spo2: 97, nested: { a: [1, null], b: 2 } });
    expect(data.metadata).toEqual({
      vigil: { format: ESDB_STORE_FORMAT, id: 'r-1', occurredAt: '2026-11-29T10:00:00.000Z', recordedAt: '2026-11-29T10:00:01.000Z', prevHash: null, hash: first!.hash },
      metadata: { causedBy: 'contract-test' },
    });
  });

  it('reads back as the same event, with a chain that verifies', async () => {
    const events = chained().map((event, i) => recordedEventOfEsdb(asStored(event), event.revision, encodeEsdbPosition({ commit: 100n + BigInt(i), prepare: 100n + BigInt(i) })));
    expect(events[1]).toMatchObject({ id: 'r-2', stream, revision: 1, type: 'OximetryObserved', data: { spo2: 88 }, occurredAt: '2026-11-29T10:00:00.000Z', recordedAt: '2026-11-29T10:00:01.000Z' });
    expect(events[1]!.metadata).toEqual({ causedBy: 'contract-test', chain: { prevHash: events[0]!.metadata.chain.hash, hash: events[1]!.metadata.chain.hash } });
    for (const event of events) expect(recordedEventHash(event)).toBe(event.metadata.chain.hash);
    await expect(verifyStream(stream, events)).resolves.toMatchObject({ ok: true, events: 2 });
  });

  it.each([
    ['binary data', (e: EsdbRecorded) => ({ ...e, isJson: false }), /not JSON/],
    ['no envelope', (e: EsdbRecorded) => ({ ...e, metadata: { causedBy: 'someone' } }), /no Vigil envelope/],
    ['an envelope without its hash', (e: EsdbRecorded) => ({ ...e, metadata: { ...(e.metadata as object), vigil: { ...(e.metadata as { vigil: object }).vigil, hash: 7 } } }), /lacks id, times or chain/],
    ['data that is not an object', (e: EsdbRecorded) => ({ ...e, data: [1, 2] }), /not a JSON object/],
  ])('refuses an event with %s as corrupt, naming stream and revision', (_name, spoil, reason) => {
    const stored = spoil(asStored(chained()[1]!));
    const read = () => recordedEventOfEsdb(stored, 1, LOG_START);
    expect(read).toThrow(CorruptEventError);
    expect(read).toThrow(reason);
    expect(read).toThrow(/^stream vitals-s1 revision 1:/);
  });

  it('refuses an event of another store format rather than misreading it', () => {
    const stored = asStored(chained()[0]!);
    const metadata = stored.metadata as { vigil: { format: number } };
    metadata.vigil.format = 2;
    expect(() => recordedEventOfEsdb(stored, 0, LOG_START)).toThrow(StoreFormatError);
  });

  it('derives one RFC 9562 version-5 UUID per stream and id', () => {
    const uuid = eventUuid(stream, 'r-1');
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventUuid(stream, 'r-1')).toBe(uuid);
    expect(eventUuid('vitals-s2', 'r-1')).not.toBe(uuid);
    expect(eventUuid(stream, 'r-2')).not.toBe(uuid);
    // The separator keeps ("a", "b-c") and ("a-b", "c") apart.
    expect(eventUuid('a', 'b-c')).not.toBe(eventUuid('a-b', 'c'));
  });

  it('compares retries on type, occurredAt and canonical data only', () => {
    const key = contentKey('OximetryObserved', '2026-11-29T10:00:00.000Z', '{"spo2":97}');
    expect(contentKey('OximetryObserved', '2026-11-29T10:00:00.000Z', '{"spo2":97}')).toBe(key);
    expect(contentKey('OximetryObserved', '2026-11-29T10:00:00.000Z', '{"spo2":87}')).not.toBe(key);
    expect(contentKey('OximetryObserved', '2026-11-29T10:00:01.000Z', '{"spo2":97}')).not.toBe(key);
    expect(contentKey('BloodPressureObserved', '2026-11-29T10:00:00.000Z', '{"spo2":97}')).not.toBe(key);
  });
});

import { sessionStreamNames } from '@vigil/domain';
import { canonicalJson, readStreamsMerged, verifyStoredStream } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import Database from 'better-sqlite3';
import { writeLegacyStore, type LegacySpec as Spec } from '../../../../libs/event-store-sqlite/src/legacy/testing/write-legacy-store';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateStore, STORE_MIGRATION_STREAM } from './migrate-store';

// Issue 9, item 5: a store of the previous layout (one stream per session) is copied into the
// current one (commands, readings and alarms in streams of their own) in a new file, the original
// untouched, the copy's first event naming the original's verified heads.

const t = (second: number) => new Date(Date.UTC(2026, 10, 30, 9, 0, second)).toISOString();
const reading = (second: number, spo2: number): Spec => ({ stream: 'session-s1', type: 'OximetryObserved', data: { sessionId: 's1', deviceId: 'ox-1', spo2, pulseRate: 80, measuredAt: t(second) }, at: t(second) });

function sessionSpecs(positionOfTickedReading: number | string): Spec[] {
  return [
    { stream: 'session-s1', type: 'SessionStarted', data: { sessionId: 's1', room: 'Room 1', at: t(0) }, metadata: { causedBy: 'user:Dr A' }, at: t(0) },
    { stream: 'device-binding-ox-1', type: 'DeviceAssigned', data: { deviceId: 'ox-1', sessionId: 's1', at: t(1) }, at: t(1) },
    { stream: 'session-s1', type: 'DeviceBound', data: { deviceId: 'ox-1', deviceKind: 'oximeter', at: t(1) }, at: t(1) },
    reading(2, 97),
    { stream: 'device-ox-9', type: 'OximetryObserved', data: { deviceId: 'ox-9', spo2: 99, pulseRate: 70, measuredAt: t(3) }, at: t(3) },
    reading(4, 85),
    reading(5, 84),
    { stream: 'session-s1', type: 'AlertRaised', data: { sessionId: 's1', alertId: 'a1', ruleId: 'spo2-low', at: t(20) }, metadata: { causedBy: 'rule:spo2-low@1.1.0', tick: { at: t(20), afterPosition: positionOfTickedReading } }, at: t(20) },
    { stream: 'session-s1', type: 'AlertAcknowledged', data: { sessionId: 's1', alertId: 'a1', by: 'nurse B', at: t(25) }, metadata: { causedBy: 'user:nurse B' }, at: t(25) },
    reading(30, 96),
    { stream: 'session-s1', type: 'AlertCleared', data: { sessionId: 's1', alertId: 'a1', at: t(30) }, at: t(30) },
    { stream: 'session-s1', type: 'SessionEnded', data: { sessionId: 's1', at: t(40) }, metadata: { causedBy: 'user:Dr A' }, at: t(40) },
  ];
}

describe('vigil store migrate', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigil-migrate-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [2, '7'],
    [1, 7],
  ] as const)('copies a format %i store into the current layout, same events and order, the original untouched', async (format, tickAfter) => {
    const from = join(dir, 'old.sqlite');
    const to = join(dir, 'new', 'events.sqlite');
    const legacy = writeLegacyStore(from, format, sessionSpecs(tickAfter));
    const before = createHash('sha256').update(readFileSync(from)).digest('hex');

    const summary = await migrateStore(from, to);
    expect(summary).toMatchObject({ fromFormat: format, toFormat: 3, events: legacy.length, movedToVitals: 4, movedToAlarms: 3 });
    expect(createHash('sha256').update(readFileSync(from)).digest('hex')).toBe(before);

    const store = SqliteEventStore.open(to);
    try {
      const [first] = await store.readAll({ maxCount: 1 });
      expect(first).toMatchObject({ stream: STORE_MIGRATION_STREAM, type: 'StoreMigrated' });
      const heads = (first!.data.heads as { stream: string; revision: number; hash: string }[]).sort((a, b) => a.stream.localeCompare(b.stream));
      const lastOf = (stream: string) => legacy.filter((row) => row.stream === stream).at(-1)!;
      expect(heads).toEqual(['device-binding-ox-1', 'device-ox-9', 'session-s1'].map((stream) => ({ stream, revision: lastOf(stream).revision, hash: lastOf(stream).hash })));

      // The whole log, in the original order, each event where its writer now keeps it.
      const copied = (await store.readAll({ maxCount: 1000 })).slice(1);
      expect(copied.map((e) => [e.id, e.type, canonicalJson(e.data), e.occurredAt, e.recordedAt])).toEqual(legacy.map((r) => [r.id, r.type, r.data, r.occurredAt, r.recordedAt]));
      const streamOf = Object.fromEntries(copied.map((e) => [e.id, e.stream]));
      expect(streamOf).toMatchObject({ e0: 'session-s1', e1: 'device-binding-ox-1', e2: 'session-s1', e3: 'vitals-s1', e4: 'device-ox-9', e7: 'alarms-s1', e8: 'alarms-s1', e9: 'vitals-s1', e10: 'alarms-s1', e11: 'session-s1' });
      const session = await readStreamsMerged(store, sessionStreamNames('s1'));
      expect(session.map((e) => e.id)).toEqual(['e0', 'e2', 'e3', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10', 'e11']);

      // The tick followed the reading at old position 7 (e6): it now names e6's new position.
      const raised = copied.find((e) => e.type === 'AlertRaised')!;
      const e6 = copied.find((e) => e.id === 'e6')!;
      expect((raised.metadata.tick as { afterPosition: string }).afterPosition).toBe(e6.position);
      expect(raised.metadata.causedBy).toBe('rule:spo2-low@1.1.0');

      for (const stream of [STORE_MIGRATION_STREAM, 'device-binding-ox-1', 'device-ox-9', ...sessionStreamNames('s1')]) {
        await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: true });
      }
    } finally {
      await store.close();
    }
  });

  it('refuses an original that does not verify, naming the stream and revision, and creates nothing', async () => {
    const from = join(dir, 'old.sqlite');
    writeLegacyStore(from, 2, sessionSpecs('7'));
    const db = new Database(from);
    db.prepare("UPDATE events SET data = replace(data, '84', '94') WHERE event_id = 'e6'").run();
    db.close();
    const to = join(dir, 'new.sqlite');
    await expect(migrateStore(from, to)).rejects.toThrow(/session-s1 revision 4: hash mismatch/);
    expect(() => readFileSync(to)).toThrow();
  });

  it('never writes over an existing file, and says a current store needs nothing', async () => {
    const from = join(dir, 'old.sqlite');
    writeLegacyStore(from, 2, sessionSpecs('7'));
    const current = join(dir, 'current.sqlite');
    const store = SqliteEventStore.open(current);
    await store.appendToStream('session-x', [{ id: 'x', type: 'SessionStarted', data: {}, occurredAt: t(0) }], { expectedRevision: 'no-stream' });
    await store.close();
    await expect(migrateStore(from, current)).rejects.toThrow(/already exists/);
    await expect(migrateStore(current, join(dir, 'other.sqlite'))).rejects.toThrow(/already in the current layout/);
  });
});

import { integerPositions, type NewEvent } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardProjection } from './dashboard-projection';
import { SqliteSessionViewRepository } from './sqlite-session-view.repository';

const T0 = Date.parse('2026-11-29T10:00:00.000Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
let seq = 0;
const event = (type: string, data: NewEvent['data'], seconds = 0): NewEvent => ({ id: `ev-${++seq}`, type, data, occurredAt: iso(seconds) });
const startSession = (id: string, room: string) =>
  event('SessionStarted', { sessionId: id, room, patientPseudonym: `P-${id}`, clinician: 'Dr Reyes', at: iso(0) });
const reading = (id: string, s: number, spo2: number) =>
  event('OximetryObserved', { sessionId: id, deviceId: `ox-${id}`, gatewayId: 'gw-1', spo2, pulseRate: 70, sensorOff: false, measuredAt: iso(s), source: 'decoded' }, s);

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the dashboard projection over the SQLite store', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-dashboard-'));
    file = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the views, saves them with their checkpoint, and resumes from it after a restart', async () => {
    const store = SqliteEventStore.open(file);
    await store.appendToStream('session-a', [startSession('a', 'Room 1'), reading('a', 1, 97), reading('a', 2, 96)], { expectedRevision: 'no-stream' });
    await store.appendToStream('session-b', [startSession('b', 'Room 2')], { expectedRevision: 'no-stream' });
    await store.appendToStream('device-ox-zz', [reading('zz', 1, 99)], { expectedRevision: 'no-stream' }); // unbound device: not shown
    const first = new DashboardProjection(store, new SqliteSessionViewRepository(store.database), { persistIntervalMs: 10 });
    await first.start();
    await until(() => first.isLive, 'the projection to reach the head');
    expect(first.position).toBe(5);
    expect(first.snapshot().sessions.map((view) => [view.room, view.oximetryReadings])).toEqual([
      ['Room 1', 2],
      ['Room 2', 0],
    ]);
    expect(first.storeId).toBe((await store.readAll({ maxCount: 1 }))[0]!.id);
    await first.stop();

    const row = store.database.prepare('SELECT position FROM dashboard_checkpoint').get() as { position: number };
    expect(row.position).toBe(5);

    // After the restart it reads only what is new; the stored views carry the rest.
    await store.appendToStream('session-a', [reading('a', 3, 91)], { expectedRevision: 2 });
    const subscribe = jest.spyOn(store, 'subscribeToAll');
    const second = new DashboardProjection(store, new SqliteSessionViewRepository(store.database), { persistIntervalMs: 10 });
    await second.start();
    await until(() => second.isLive && second.position === 6, 'the restarted projection to catch up');
    expect(second.view('a')).toMatchObject({ oximetryReadings: 3, oximetry: { spo2: 91 } });
    expect(subscribe).toHaveBeenCalledWith(expect.objectContaining({ afterPosition: integerPositions.encode(5) }));
    await second.stop();
    await store.close();
  });

  it('tells listeners about each batch with the range it covers, and removes an ended session', async () => {
    const store = SqliteEventStore.open(file);
    const projection = new DashboardProjection(store, new SqliteSessionViewRepository(store.database), { persistIntervalMs: 10 });
    const batches: { after: number; position: number; types: string[] }[] = [];
    projection.listen({ changes: (b) => batches.push({ after: b.after, position: b.position, types: b.changes.map((c) => c.change.type) }), live: () => undefined });
    await projection.start();
    await until(() => projection.isLive, 'live');
    await store.appendToStream('session-a', [startSession('a', 'Room 1')], { expectedRevision: 'no-stream' });
    await until(() => projection.position === 1, 'the start');
    await store.appendToStream('device-x', [reading('x', 1, 97)], { expectedRevision: 'no-stream' });
    // Applied on its own, the unbound reading moves the sequence with nothing to show: its batch is still sent.
    await until(() => projection.position === 2, 'the unbound reading');
    await store.appendToStream('session-a', [reading('a', 1, 97)], { expectedRevision: 0 });
    await until(() => projection.position === 3, 'three events');
    await store.appendToStream('session-a', [event('SessionEnded', { sessionId: 'a', by: 'Dr Reyes', at: iso(9) })], { expectedRevision: 1 });
    await until(() => projection.position === 4, 'the end');
    // Batches are contiguous: each starts where the previous ended (the unbound reading's batch has no change).
    // How events group into batches depends on timing; the coverage does not.
    batches.forEach((batch, index) => expect(batch.after).toBe(index === 0 ? 0 : batches[index - 1]!.position));
    expect(batches[batches.length - 1]!.position).toBe(4);
    expect(batches.flatMap((b) => b.types)).toEqual(['SessionStarted', 'OximetryObserved', 'SessionEnded']);
    expect(projection.snapshot().sessions).toEqual([]);
    await projection.stop();
    expect(store.database.prepare('SELECT COUNT(*) AS n FROM dashboard_session_views').get()).toEqual({ n: 0 });
    await store.close();
  });

  it('rebuilds to the same views from scratch', async () => {
    const store = SqliteEventStore.open(file);
    await store.appendToStream('session-a', [startSession('a', 'Room 1'), ...Array.from({ length: 50 }, (_, s) => reading('a', s + 1, 90 + (s % 8)))], {
      expectedRevision: 'no-stream',
    });
    const incremental = new DashboardProjection(store, new SqliteSessionViewRepository(store.database), { persistIntervalMs: 10 });
    await incremental.start();
    await until(() => incremental.isLive, 'live');
    await incremental.stop();
    store.database.exec('DELETE FROM dashboard_session_views; DELETE FROM dashboard_checkpoint;');
    const rebuilt = new DashboardProjection(store, new SqliteSessionViewRepository(store.database));
    await rebuilt.start();
    await until(() => rebuilt.isLive, 'live');
    expect(rebuilt.snapshot()).toEqual(incremental.snapshot());
    await rebuilt.stop();
    await store.close();
  });

  it('writes no views while another instance does, then every view it changed since it started once it may (docs/distributed.md "Dashboard")', async () => {
    const store = SqliteEventStore.open(file);
    await store.appendToStream('session-a', [startSession('a', 'Room 1'), reading('a', 1, 97)], { expectedRevision: 'no-stream' });
    await store.appendToStream('session-b', [startSession('b', 'Room 2')], { expectedRevision: 'no-stream' });
    const repository = new SqliteSessionViewRepository(store.database);
    const save = jest.spyOn(repository, 'save');
    let writer = false;
    const projection = new DashboardProjection(store, repository, { persistIntervalMs: 10, writesViews: () => writer });
    await projection.start();
    await until(() => projection.isLive && projection.position === 3, 'the projection to reach the head');
    await store.appendToStream('session-a', [reading('a', 2, 96)], { expectedRevision: 1 });
    await until(() => projection.position === 4, 'the new reading');
    expect(save).not.toHaveBeenCalled();

    writer = true;
    await projection.stop();
    expect(save).toHaveBeenCalledTimes(1);
    const [position, , changed] = save.mock.calls[0]!;
    expect(position).toBe(4);
    expect(changed.map((view) => [view.sessionId, view.position]).sort()).toEqual([
      ['a', 4],
      ['b', 3],
    ]);
    await store.close();
  });
});


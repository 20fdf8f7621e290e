import { bytesToHex, encodeBloodPressureMeasurement, encodePlxContinuous } from '@vigil/ble';
import { verifyStoredStream } from '@vigil/event-store';
import { allEvents, openAppStore, withAppStore } from '../support/app-store';
import { gatewaysEnv, makeGateway, VigilProcess, type TestGateway } from '../support/vigil-process';
import { staffHeaders } from '../support/staff-credentials';

// The ingest API of issue #3 through the built embedded app: authentication, batch limits,
// per-reading rejection, idempotent re-posts, routing to sessions and devices, and durability.
const INGEST = '/api/v1/ingest/readings';
// jest.config's per-project testTimeout does not reach hooks here; starting the app can take seconds.
jest.setTimeout(60_000);
const MIB = 1024 * 1024;

type Answer = { status: number; body: any };
type StoredReading = { stream: string; type: string; data: Record<string, unknown> };

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const ox = (deviceId: string, overrides: Record<string, unknown> = {}) => ({ kind: 'oximetry', deviceId, measuredAt: ago(60_000), spo2: 97, pulseRate: 72, ...overrides });
const bp = (deviceId: string, overrides: Record<string, unknown> = {}) => ({ kind: 'bloodPressure', deviceId, measuredAt: ago(60_000), systolic: 121, diastolic: 79, ...overrides });
const gatt = (deviceId: string, characteristic: string, value: Uint8Array | string, overrides: Record<string, unknown> = {}) => ({
  kind: 'gatt',
  deviceId,
  characteristic,
  value: typeof value === 'string' ? value : bytesToHex(value),
  receivedAt: ago(30_000),
  ...overrides,
});

function ingest(app: VigilProcess, gateway: TestGateway, readings: unknown[], gatewayId = gateway.gatewayId): Promise<Answer> {
  return app.post(INGEST, { gatewayId, readings }, { authorization: `Bearer ${gateway.token}` });
}

async function startSession(app: VigilProcess, sessionId: string, devices: [string, 'oximeter' | 'bloodPressureCuff'][]): Promise<void> {
  const started = await app.post('/api/v1/sessions', { sessionId, room: `Room ${sessionId}`, patientPseudonym: `P-${sessionId}`, clinician: 'Dr A' });
  expect(started.status).toBe(201);
  for (const [deviceId, deviceKind] of devices) {
    const bound = await app.post(`/api/v1/sessions/${sessionId}/devices`, { deviceId, deviceKind });
    expect(bound.status).toBe(201);
  }
}

async function unbind(app: VigilProcess, sessionId: string, deviceId: string): Promise<number> {
  const response = await fetch(`${app.url}/api/v1/sessions/${sessionId}/devices/${deviceId}`, { method: 'DELETE', headers: staffHeaders(app.url) });
  await response.arrayBuffer();
  return response.status;
}

async function sessionReadings(app: VigilProcess, sessionId: string): Promise<StoredReading[]> {
  const { status, body } = await app.get(`/api/v1/sessions/${sessionId}/events?limit=10000`);
  expect(status).toBe(200);
  return (body.events as StoredReading[]).filter((e) => e.type === 'OximetryObserved' || e.type === 'BloodPressureObserved');
}

/** Reads the app's store behind its back, through the port (SQLite's WAL and PostgreSQL allow it while the app runs). */
async function storedReadings(dataDir: string, where: { stream?: string; deviceId?: string }): Promise<StoredReading[]> {
  const events = await withAppStore(dataDir, allEvents);
  return events
    .filter((e) => e.type === 'OximetryObserved' || e.type === 'BloodPressureObserved')
    .map((e) => ({ stream: e.stream, type: e.type, data: e.data as Record<string, unknown> }))
    .filter((r) => (where.stream === undefined || r.stream === where.stream) && (where.deviceId === undefined || r.data.deviceId === where.deviceId));
}

const fieldsOf = (rejected: { index: number; errors: { field: string }[] }[]) => rejected.map((r) => ({ index: r.index, fields: r.errors.map((e) => e.field) }));

describe('ingest API (embedded app)', () => {
  const gw = makeGateway('gw-ingest');
  const other = makeGateway('gw-other');
  let app: VigilProcess;

  beforeAll(async () => {
    app = new VigilProcess({ VIGIL_GATEWAYS: gatewaysEnv([gw, other]) });
    await app.start();
  });
  afterAll(async () => {
    await app.stop();
    await app.cleanup();
  });

  describe('authentication', () => {
    it('answers 401 without an Authorization header', async () => {
      const answer = await app.post(INGEST, { gatewayId: gw.gatewayId, readings: [ox('ox-auth', { seq: 1 })] });
      expect(answer.status).toBe(401);
    });

    it.each([
      ['a wrong token', () => `Bearer ${gw.token}x`],
      ['another scheme', () => `Basic ${gw.token}`],
      ['the bare token', () => gw.token],
      ['an empty bearer', () => 'Bearer '],
    ])('answers 401 to %s', async (_, authorization) => {
      const answer = await app.post(INGEST, { gatewayId: gw.gatewayId, readings: [ox('ox-auth', { seq: 1 })] }, { authorization: authorization() });
      expect(answer.status).toBe(401);
    });

    it("answers 403 to a valid token claiming another gateway's id, in both directions", async () => {
      expect((await ingest(app, other, [ox('ox-auth', { seq: 1 })], gw.gatewayId)).status).toBe(403);
      const answer = await ingest(app, gw, [ox('ox-auth', { seq: 1 })], other.gatewayId);
      expect(answer.status).toBe(403);
      expect(answer.body.message).toContain(other.gatewayId);
    });

    it('stores nothing from a refused request', async () => {
      expect(await storedReadings(app.dataDir, { deviceId: 'ox-auth' })).toEqual([]);
    });

    it("accepts the other gateway's own posts under its own id", async () => {
      const answer = await ingest(app, other, [ox('ox-auth-other', { seq: 1 })]);
      expect(answer).toMatchObject({ status: 202, body: { accepted: 1 } });
      expect((await storedReadings(app.dataDir, { deviceId: 'ox-auth-other' })).map((r) => r.data.gatewayId)).toEqual([other.gatewayId]);
    });
  });

  describe('batch limits', () => {
    const post = (body: unknown) => app.post(INGEST, body, { authorization: `Bearer ${gw.token}` });

    it('answers 400 to malformed JSON', async () => {
      expect((await post('{"gatewayId":"gw-ingest","readings":[')).status).toBe(400);
      expect((await post("{'gatewayId':'gw-ingest'}")).status).toBe(400);
    });

    it.each(['[]', '"batch"', '42', 'null', 'true'])('answers 400 to the JSON %s, which is not an object', async (text) => {
      expect((await post(text)).status).toBe(400);
    });

    it.each([
      ['readings missing', { gatewayId: 'gw-ingest' }, ['readings']],
      ['readings not an array', { gatewayId: 'gw-ingest', readings: { 0: {} } }, ['readings']],
      ['no readings', { gatewayId: 'gw-ingest', readings: [] }, ['readings']],
      ['gatewayId missing', { readings: [{}] }, ['gatewayId']],
      ['an unknown property', { gatewayId: 'gw-ingest', readings: [{}], extra: 1 }, ['extra']],
    ])('answers 400 to %s, naming the field', async (_, body, fields) => {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    });

    it('answers 400 to 1,001 readings and stores none of them', async () => {
      const readings = Array.from({ length: 1001 }, (_, i) => ox('ox-1001', { seq: i }));
      const answer = await post({ gatewayId: gw.gatewayId, readings });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field: 'readings', message: expect.stringContaining('1001') }]);
      expect(await storedReadings(app.dataDir, { deviceId: 'ox-1001' })).toEqual([]);
    });

    it('accepts exactly 1,000 readings', async () => {
      const readings = Array.from({ length: 1000 }, (_, i) => ox('ox-1000', { seq: i }));
      const answer = await post({ gatewayId: gw.gatewayId, readings });
      expect(answer).toMatchObject({ status: 202, body: { accepted: 1000, duplicates: 0, rejected: [] } });
      expect(await storedReadings(app.dataDir, { deviceId: 'ox-1000' })).toHaveLength(1000);
    });

    it('answers 413 to a body over 1 MiB and stores none of it', async () => {
      const readings = Array.from({ length: 1000 }, (_, i) => ox('ox-413', { seq: i, measuredAt: ago(60_000 + i) }));
      const text = JSON.stringify({ gatewayId: gw.gatewayId, readings });
      // Valid JSON padded with whitespace just past the limit: only the size is wrong.
      const body = `${text.slice(0, -1)}${' '.repeat(MIB + 1 - text.length)}}`;
      expect(Buffer.byteLength(body)).toBe(MIB + 1);
      expect((await post(body)).status).toBe(413);
      expect(await storedReadings(app.dataDir, { deviceId: 'ox-413' })).toEqual([]);
    });
  });

  describe('per-reading validation', () => {
    const mixed = () => [
      ox('ox-mix', { seq: 1 }),
      ox('ox-mix', { seq: 2, spo2: 100.1 }),
      bp('bp-mix', { seq: 1, meanArterialPressure: 93 }),
      bp('bp-mix', { seq: 2, systolic: 80, diastolic: 80 }),
      gatt('ox-mix', '2A99', encodePlxContinuous({ spo2: 97, pulseRate: 72 }), { seq: 3 }),
      gatt('ox-mix', '2A5F', 'abc', { seq: 4 }),
      gatt('ox-mix', '2A5F', encodePlxContinuous({ spo2: 96, pulseRate: 70 }), { seq: 5 }),
      ox('ox-mix', { seq: 6, measuredAt: new Date(Date.now() + 10 * 60_000).toISOString() }),
      gatt('bp-mix', '2A36', encodeBloodPressureMeasurement({ systolic: 150, diastolic: 90, meanArterialPressure: 110 }), { seq: 7 }),
      gatt('ox-mix', '2A5F', encodePlxContinuous({ spo2: 96, pulseRate: 70 }).slice(0, 3), { seq: 8 }),
      ox('ox-mix', { seq: 9, colour: 'red' }),
      ox('ox-mix', { seq: 10, measuredAt: ago(23 * 3_600_000) }),
      'not a reading',
    ];
    const expectedRejections = [
      { index: 1, fields: ['spo2'] },
      { index: 3, fields: ['systolic'] },
      { index: 4, fields: ['characteristic'] },
      { index: 5, fields: ['value.hex'] },
      { index: 7, fields: ['measuredAt'] },
      { index: 8, fields: ['characteristic'] },
      { index: 9, fields: ['value.pulseRate'] },
      { index: 10, fields: ['colour'] },
      { index: 12, fields: [''] },
    ];
    let batch: unknown[];

    beforeAll(async () => {
      await startSession(app, 'mix', [
        ['ox-mix', 'oximeter'],
        ['bp-mix', 'bloodPressureCuff'],
      ]);
      batch = mixed();
    });

    it('answers 202 to a mixed batch, storing the good readings and naming each bad one', async () => {
      const answer = await ingest(app, gw, batch);
      expect(answer.status).toBe(202);
      expect({ ...answer.body, rejected: fieldsOf(answer.body.rejected) }).toEqual({
        accepted: 4,
        duplicates: 0,
        rejected: expectedRejections,
        unassigned: { count: 0, deviceIds: [] },
      });
      const stored = await sessionReadings(app, 'mix');
      expect(stored.map((e) => `${String(e.data.deviceId)}#${String(e.data.seq)}`).sort()).toEqual(['bp-mix#1', 'ox-mix#1', 'ox-mix#10', 'ox-mix#5']);
    });

    it('stores nothing twice when the same batch is posted again', async () => {
      const before = (await app.get('/api/v1/sessions/mix/events?limit=10000')).body.events.length;
      const answer = await ingest(app, gw, batch);
      expect(answer.status).toBe(202);
      expect({ ...answer.body, rejected: fieldsOf(answer.body.rejected) }).toEqual({
        accepted: 0,
        duplicates: 4,
        rejected: expectedRejections,
        unassigned: { count: 0, deviceIds: [] },
      });
      expect((await app.get('/api/v1/sessions/mix/events?limit=10000')).body.events).toHaveLength(before);
    });
  });

  describe('identity and duplicates', () => {
    beforeAll(async () => {
      await startSession(app, 'dup', [
        ['ox-dup', 'oximeter'],
        ['ox-dup-at', 'oximeter'],
        ['ox-dup-in', 'oximeter'],
      ]);
    });

    it('rejects a re-posted reading whose value changed under the same seq, and counts the others as duplicates', async () => {
      const batch = [ox('ox-dup', { seq: 1 }), ox('ox-dup', { seq: 2 }), ox('ox-dup', { seq: 3 })];
      expect((await ingest(app, gw, batch)).body).toMatchObject({ accepted: 3, duplicates: 0, rejected: [] });
      const changed = batch.map((r, i) => (i === 1 ? { ...r, spo2: 85 } : r));
      const answer = await ingest(app, gw, changed);
      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({ accepted: 0, duplicates: 2 });
      expect(fieldsOf(answer.body.rejected)).toEqual([{ index: 1, fields: ['seq'] }]);
      const stored = await sessionReadings(app, 'dup');
      expect(stored.filter((e) => e.data.deviceId === 'ox-dup').map((e) => [e.data.seq, e.data.spo2])).toEqual([
        [1, 97],
        [2, 97],
        [3, 97],
      ]);
    });

    it('without seq, identifies a reading by device and measured time, naming measuredAt on a conflict', async () => {
      const measuredAt = ago(90_000);
      expect((await ingest(app, gw, [ox('ox-dup-at', { measuredAt })])).body).toMatchObject({ accepted: 1 });
      // The same instant in another spelling is the same reading.
      const offset = new Date(Date.parse(measuredAt) + 3_600_000).toISOString().replace('Z', '+01:00');
      expect((await ingest(app, gw, [ox('ox-dup-at', { measuredAt: offset })])).body).toMatchObject({ accepted: 0, duplicates: 1, rejected: [] });
      const answer = await ingest(app, gw, [ox('ox-dup-at', { measuredAt, pulseRate: 140 })]);
      expect(answer.body).toMatchObject({ accepted: 0, duplicates: 0 });
      expect(fieldsOf(answer.body.rejected)).toEqual([{ index: 0, fields: ['measuredAt'] }]);
    });

    it('within one batch, counts an exact repeat as a duplicate and rejects a changed repeat', async () => {
      const reading = ox('ox-dup-in', { seq: 1 });
      const answer = await ingest(app, gw, [reading, { ...reading, spo2: 90 }, reading]);
      expect(answer.body).toMatchObject({ accepted: 1, duplicates: 1 });
      expect(fieldsOf(answer.body.rejected)).toEqual([{ index: 1, fields: ['seq'] }]);
      expect((await sessionReadings(app, 'dup')).filter((e) => e.data.deviceId === 'ox-dup-in').map((e) => e.data.spo2)).toEqual([97]);
    });

    it('keeps readings of two gateways with the same device and seq apart', async () => {
      expect((await ingest(app, gw, [ox('ox-shared', { seq: 1, spo2: 95 })])).body).toMatchObject({ accepted: 1 });
      expect((await ingest(app, other, [ox('ox-shared', { seq: 1, spo2: 93 })])).body).toMatchObject({ accepted: 1, rejected: [] });
      expect((await storedReadings(app.dataDir, { deviceId: 'ox-shared' })).map((r) => [r.data.gatewayId, r.data.spo2])).toEqual([
        [gw.gatewayId, 95],
        [other.gatewayId, 93],
      ]);
    });
  });

  describe('routing', () => {
    beforeAll(async () => {
      await startSession(app, 'route', [
        ['ox-route', 'oximeter'],
        ['bp-route', 'bloodPressureCuff'],
      ]);
    });

    it('appends readings of bound devices to their session as OximetryObserved and BloodPressureObserved', async () => {
      const measuredAt = ago(120_000);
      const receivedAt = ago(30_000);
      const before = Date.now();
      const answer = await ingest(app, gw, [
        ox('ox-route', { seq: 1, measuredAt, perfusionIndex: 3.5 }),
        ox('ox-route', { seq: 2, measuredAt: ago(110_000), spo2: null, pulseRate: null, sensorOff: true }),
        bp('bp-route', { seq: 1, measuredAt, meanArterialPressure: 93, pulseRate: 66 }),
        gatt('ox-route', '0x2A5F', encodePlxContinuous({ spo2: null, pulseRate: null, deviceAndSensorStatus: 1 << 15 }), { seq: 3, receivedAt }),
        gatt('bp-route', '00002a35-0000-1000-8000-00805f9b34fb', encodeBloodPressureMeasurement({ systolic: 131, diastolic: 85, meanArterialPressure: 100, measurementStatus: 1 }), {
          seq: 2,
          receivedAt,
        }),
      ]);
      const after = Date.now();
      expect(answer).toMatchObject({ status: 202, body: { accepted: 5, duplicates: 0, rejected: [], unassigned: { count: 0, deviceIds: [] } } });

      const stored = await sessionReadings(app, 'route');
      const bySeq = (type: string, deviceId: string, seq: number) => stored.find((e) => e.type === type && e.data.deviceId === deviceId && e.data.seq === seq);
      const common = { sessionId: 'route', gatewayId: gw.gatewayId };
      expect(bySeq('OximetryObserved', 'ox-route', 1)).toMatchObject({
        occurredAt: measuredAt,
        data: { ...common, deviceId: 'ox-route', measuredAt, spo2: 97, pulseRate: 72, perfusionIndex: 3.5, sensorOff: false, seq: 1, source: 'decoded' },
      });
      expect(bySeq('OximetryObserved', 'ox-route', 2)?.data).toMatchObject({ spo2: null, pulseRate: null, sensorOff: true });
      expect(bySeq('BloodPressureObserved', 'bp-route', 1)?.data).toEqual({
        ...common,
        deviceId: 'bp-route',
        measuredAt,
        systolic: 121,
        diastolic: 79,
        meanArterialPressure: 93,
        pulseRate: 66,
        seq: 1,
        source: 'decoded',
      });
      expect(bySeq('OximetryObserved', 'ox-route', 3)?.data).toEqual({
        ...common,
        deviceId: 'ox-route',
        measuredAt: receivedAt,
        gatewayReceivedAt: receivedAt,
        spo2: null,
        pulseRate: null,
        sensorOff: true,
        status: { deviceAndSensorStatus: 0x8000 },
        seq: 3,
        source: 'gatt',
      });
      expect(bySeq('BloodPressureObserved', 'bp-route', 2)?.data).toMatchObject({
        ...common,
        gatewayReceivedAt: receivedAt,
        systolic: 131,
        diastolic: 85,
        meanArterialPressure: 100,
        status: { measurementStatus: 1 },
        source: 'gatt',
      });
      // The server's receive time is the event's recordedAt, not the device's measurement time.
      for (const event of stored as (StoredReading & { recordedAt: string })[]) {
        expect(Date.parse(event.recordedAt)).toBeGreaterThanOrEqual(before);
        expect(Date.parse(event.recordedAt)).toBeLessThanOrEqual(after);
      }
    });

    it('appends the session stream in measurement order and keeps its hash chain intact', async () => {
      const answer = await ingest(app, gw, [ox('ox-route', { seq: 11, measuredAt: ago(10_000) }), ox('ox-route', { seq: 10, measuredAt: ago(20_000) })]);
      expect(answer.body).toMatchObject({ accepted: 2 });
      const seqs = (await sessionReadings(app, 'route')).filter((e) => e.data.seq === 10 || e.data.seq === 11).map((e) => e.data.seq);
      expect(seqs).toEqual([10, 11]);
      expect((await app.get('/api/v1/sessions/route/verify')).body).toMatchObject({ ok: true });
    });

    it("keeps readings of an unbound device in the device's own stream and reports them as unassigned", async () => {
      const answer = await ingest(app, gw, [ox('ox-lonely', { seq: 1 }), ox('ox-route', { seq: 20 }), bp('bp-lonely', { seq: 1 }), ox('ox-lonely', { seq: 2, spo2: 101 }), ox('ox-lonely', { seq: 3 })]);
      expect(answer.body).toMatchObject({ accepted: 4, duplicates: 0, unassigned: { count: 3, deviceIds: ['bp-lonely', 'ox-lonely'] } });
      expect(fieldsOf(answer.body.rejected)).toEqual([{ index: 3, fields: ['spo2'] }]);
      const lonely = await storedReadings(app.dataDir, { deviceId: 'ox-lonely' });
      expect(lonely.map((r) => [r.stream, r.type, r.data.seq])).toEqual([
        ['device-ox-lonely', 'OximetryObserved', 1],
        ['device-ox-lonely', 'OximetryObserved', 3],
      ]);
      expect(lonely.every((r) => !('sessionId' in r.data))).toBe(true);
      expect((await storedReadings(app.dataDir, { deviceId: 'bp-lonely' })).map((r) => [r.stream, r.type])).toEqual([['device-bp-lonely', 'BloodPressureObserved']]);
    });

    it('routes to the device stream again after the device is unbound, keeping what the session already has', async () => {
      await startSession(app, 'unbind', [['ox-unbind', 'oximeter']]);
      expect((await ingest(app, gw, [ox('ox-unbind', { seq: 1 })])).body).toMatchObject({ accepted: 1, unassigned: { count: 0 } });
      expect(await unbind(app, 'unbind', 'ox-unbind')).toBe(200);

      const answer = await ingest(app, gw, [ox('ox-unbind', { seq: 2 })]);
      expect(answer.body).toMatchObject({ accepted: 1, unassigned: { count: 1, deviceIds: ['ox-unbind'] } });
      expect((await sessionReadings(app, 'unbind')).map((e) => e.data.seq)).toEqual([1]);
      expect((await storedReadings(app.dataDir, { deviceId: 'ox-unbind' })).map((r) => [r.stream, r.data.seq])).toEqual([
        ['vitals-unbind', 1],
        ['device-ox-unbind', 2],
      ]);
    });

    it('counts a reading re-posted after its device was unbound as a duplicate, storing it once', async () => {
      await startSession(app, 'rebind', [['ox-rebind', 'oximeter']]);
      const reading = ox('ox-rebind', { seq: 1 });
      expect((await ingest(app, gw, [reading])).body).toMatchObject({ accepted: 1 });
      expect(await unbind(app, 'rebind', 'ox-rebind')).toBe(200);
      expect((await ingest(app, gw, [reading])).body).toMatchObject({ accepted: 0, duplicates: 1, rejected: [] });
      expect((await storedReadings(app.dataDir, { deviceId: 'ox-rebind' })).map((r) => r.stream)).toEqual(['vitals-rebind']);
    });

    it('routes to the device stream after the session ends', async () => {
      await startSession(app, 'ended', [['ox-ended', 'oximeter']]);
      expect((await app.post('/api/v1/sessions/ended/end', { by: 'Dr A' })).status).toBe(200);
      expect((await ingest(app, gw, [ox('ox-ended', { seq: 1 })])).body).toMatchObject({ accepted: 1, unassigned: { count: 1, deviceIds: ['ox-ended'] } });
      expect((await storedReadings(app.dataDir, { deviceId: 'ox-ended' })).map((r) => r.stream)).toEqual(['device-ox-ended']);
    });

    it('rejects a reading re-posted with other values after its device was bound, instead of counting it as a duplicate', async () => {
      expect((await ingest(app, gw, [ox('ox-late', { seq: 1, spo2: 97 })])).body).toMatchObject({ accepted: 1, unassigned: { count: 1 } });
      await startSession(app, 'late', [['ox-late', 'oximeter']]);
      const answer = await ingest(app, gw, [ox('ox-late', { seq: 1, spo2: 80 })]);
      expect(answer.body).toMatchObject({ accepted: 0, duplicates: 0 });
      expect(fieldsOf(answer.body.rejected)).toEqual([{ index: 0, fields: ['seq'] }]);
    });

    it('does not report a rejected reading of an unbound device as unassigned', async () => {
      expect((await ingest(app, gw, [ox('ox-solo', { seq: 1, spo2: 97 })])).body).toMatchObject({ accepted: 1 });
      const answer = await ingest(app, gw, [ox('ox-solo', { seq: 1, spo2: 80 })]);
      expect(fieldsOf(answer.body.rejected)).toEqual([{ index: 0, fields: ['seq'] }]);
      expect(answer.body).toMatchObject({ accepted: 0, duplicates: 0, unassigned: { count: 0, deviceIds: [] } });
    });
  });
});

describe('ingest durability (embedded app)', () => {
  const gw = makeGateway('gw-crash');
  const BATCHES = 40;
  const PER_BATCH = 50;
  let app: VigilProcess;

  afterAll(async () => {
    await app.stop();
    await app.cleanup();
  });

  it('keeps every reading of every answered batch when killed with SIGKILL right after the first 202s', async () => {
    const env = { VIGIL_GATEWAYS: gatewaysEnv([gw]) };
    app = new VigilProcess(env);
    await app.start();
    await startSession(app, 'crash', [['ox-crash', 'oximeter']]);

    // Even batches come from the bound oximeter, odd ones from a device bound to no session.
    const deviceOf = (batch: number) => (batch % 2 === 0 ? 'ox-crash' : 'ox-crash-free');
    const batches = Array.from({ length: BATCHES }, (_, batch) =>
      Array.from({ length: PER_BATCH }, (_, k) => ox(deviceOf(batch), { seq: batch * PER_BATCH + k, spo2: 90 + (k % 10) })),
    );
    const answers = new Map<number, Answer>();
    let firstAnswers!: () => void;
    const enoughAnswers = new Promise<void>((resolve) => (firstAnswers = resolve));
    const inFlight = batches.map((readings, batch) =>
      ingest(app, gw, readings)
        .then((answer) => {
          answers.set(batch, answer);
          if ([...answers.values()].filter((a) => a.status === 202).length >= 3) firstAnswers();
        })
        // Cut off by the kill: never acknowledged, so the server was free to lose it.
        .catch(() => undefined),
    );
    // Kill as soon as the first batches are answered, while the others are still in flight.
    await Promise.race([enoughAnswers, Promise.all(inFlight)]);
    await app.kill('SIGKILL');
    await Promise.all(inFlight);
    const acknowledged = [...answers].filter(([, answer]) => answer.status === 202).map(([batch]) => batch);
    for (const batch of acknowledged) expect(answers.get(batch)!.body).toMatchObject({ accepted: PER_BATCH, duplicates: 0, rejected: [] });
    expect(acknowledged.length).toBeGreaterThanOrEqual(3);

    app = new VigilProcess(env, app.dataDir);
    await app.start();
    const inSession = new Set((await sessionReadings(app, 'crash')).map((e) => e.data.seq));
    const expectedInSession = acknowledged.filter((b) => deviceOf(b) === 'ox-crash').flatMap((b) => Array.from({ length: PER_BATCH }, (_, k) => b * PER_BATCH + k));
    expect(expectedInSession.filter((seq) => !inSession.has(seq))).toEqual([]);
    expect((await app.get('/api/v1/sessions/crash/verify')).body).toMatchObject({ ok: true });

    // A re-post of an answered batch after the restart stores nothing new.
    const replayed = acknowledged[0]!;
    const again = await ingest(app, gw, batches[replayed]!);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: PER_BATCH, rejected: [] });

    await app.stop();
    const store = await openAppStore(app.dataDir);
    try {
      const free = new Set((await store.readStream('device-ox-crash-free')).map((e) => e.data.seq));
      const expectedFree = acknowledged.filter((b) => deviceOf(b) === 'ox-crash-free').flatMap((b) => Array.from({ length: PER_BATCH }, (_, k) => b * PER_BATCH + k));
      expect(expectedFree.filter((seq) => !free.has(seq))).toEqual([]);
      expect(await verifyStoredStream(store, 'device-ox-crash-free')).toMatchObject({ ok: true });
      expect(await verifyStoredStream(store, 'vitals-crash')).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });
});

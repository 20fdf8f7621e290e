import { SessionEngine, replaySession } from '@vigil/alerting';
import type { RecordedEvent } from '@vigil/event-store';
import { defaultRuleSet } from '@vigil/rules';
import { openAppStore, withAppStore } from '../support/app-store';
import { sessionEvents, settled, waitFor } from '../support/waiting';
import { gatewaysEnv, makeGateway, VigilProcess } from '../support/vigil-process';
import { E2E_STAFF } from '../support/staff-credentials';
import { reevaluationDifferences } from '../support/live-rules-reproduce';

const gateway = makeGateway('gw-alerts');
const auth = { authorization: `Bearer ${gateway.token}` };

const alarmsOf = (stream: RecordedEvent[]) => stream.filter((e) => e.type.startsWith('Alert') && e.type !== 'AlertAcknowledged');

/**
 * Posts one reading a second, each stamped as it is taken, as a gateway does: the engine judges
 * readings on the server's clock from their arrival (issue 16, item 1), so a run of readings must
 * arrive over the time it spans. Returns the readings posted.
 */
async function postEverySecond(app: VigilProcess, deviceId: string, values: readonly number[], seqFrom: number, afterEach?: (index: number) => Promise<void>): Promise<void> {
  const t0 = Date.now();
  for (const [i, spo2] of values.entries()) {
    await new Promise((r) => setTimeout(r, Math.max(0, t0 + i * 1000 - Date.now())));
    const reading = { kind: 'oximetry', deviceId, measuredAt: new Date().toISOString(), spo2, pulseRate: 80, seq: seqFrom + i };
    expect((await app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings: [reading] }, auth)).body).toMatchObject({ accepted: 1 });
    await afterEach?.(i);
  }
}

async function startSession(app: VigilProcess, sessionId: string, deviceId: string): Promise<void> {
  expect((await app.post('/api/v1/sessions', { sessionId, room: 'Room 4', patientPseudonym: 'P-4', clinician: 'Dr C' })).status).toBe(201);
  expect((await app.post(`/api/v1/sessions/${sessionId}/devices`, { deviceId, deviceKind: 'oximeter' })).status).toBe(201);
}

describe('alerting in the running app', () => {
  let app: VigilProcess;

  beforeEach(() => {
    app = new VigilProcess({ VIGIL_GATEWAYS: gatewaysEnv([gateway]) });
  });
  afterEach(async () => {
    // Issue 13: every session this suite recorded re-evaluates under the live rule set with no difference.
    if (app.url) expect(await reevaluationDifferences(app)).toEqual({ sessions: expect.arrayContaining([expect.any(String)]), differences: {} });
    await app.stop();
    await app.cleanup();
  });

  it('raises, acknowledges and clears through the HTTP API', async () => {
    await app.start();
    await startSession(app, 'ack', 'ox-ack');
    await postEverySecond(app, 'ox-ack', Array(12).fill(85), 0);
    await settled(app);
    const raised = alarmsOf(await sessionEvents(app, 'ack')).find((e) => e.type === 'AlertRaised');
    expect(raised?.data).toMatchObject({ ruleId: 'spo2-critical', priority: 'high', phase: 'pre-dose', value: 85, threshold: 88 });
    const alertId = String(raised!.data.alertId);

    // No `by` is needed any more (the signed-in account acknowledges); a bad field is still a 400.
    expect((await app.post(`/api/v1/sessions/ack/alerts/${alertId}/acknowledge`, { note: 12 })).status).toBe(400);
    expect((await app.post('/api/v1/sessions/ack/alerts/alert~ack~nope~2026-01-01T00:00:00.000Z/acknowledge', { by: 'nurse' })).status).toBe(404);
    const ack = await app.post(`/api/v1/sessions/ack/alerts/${alertId}/acknowledge`, { by: 'nurse Kim', note: 'repositioned probe' });
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({ alertId, ruleId: 'spo2-critical' });
    expect(Date.parse(ack.body.audioPausedUntil) - Date.parse(ack.body.acknowledgedAt)).toBe(120_000);
    const again = await app.post(`/api/v1/sessions/ack/alerts/${alertId}/acknowledge`, { by: 'nurse Lee' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`already acknowledged by ${E2E_STAFF.username}`);

    // High alarms latch: acknowledged while active, it clears once the condition resolves (10 s of good readings).
    await postEverySecond(app, 'ox-ack', Array(12).fill(97), 100);
    await settled(app);
    const cleared = alarmsOf(await sessionEvents(app, 'ack')).find((e) => e.type === 'AlertCleared' && e.data.alertId === alertId);
    expect(cleared?.data).toMatchObject({ reason: 'condition-resolved' });
  });

  it('answers a retried acknowledgement with the first answer when it carries an Idempotency-Key', async () => {
    await app.start();
    await startSession(app, 'ackkey', 'ox-ackkey');
    await postEverySecond(app, 'ox-ackkey', Array(12).fill(85), 0);
    await settled(app);
    const alertId = String(alarmsOf(await sessionEvents(app, 'ackkey')).find((e) => e.type === 'AlertRaised')!.data.alertId);
    const path = `/api/v1/sessions/ackkey/alerts/${alertId}/acknowledge`;
    const key = { 'idempotency-key': 'ack-5c1e-retry' };
    const first = await app.post(path, { note: 'probe repositioned' }, key);
    const retry = await app.post(path, { note: 'probe repositioned' }, key);
    expect(first.status).toBe(201);
    expect(retry).toEqual(first);
    expect((await sessionEvents(app, 'ackkey')).filter((e) => e.type === 'AlertAcknowledged')).toHaveLength(1);
    const reused = await app.post(path, { note: 'another note' }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.message).toMatch(/already used in this session for a different request/);
    // Without a key, a second acknowledgement is refused as before, naming who acknowledged first.
    expect((await app.post(path, {})).body.message).toMatch(new RegExp(`already acknowledged by ${E2E_STAFF.username}`));
    expect((await app.post(path, {}, { 'idempotency-key': 'bad key!' })).status).toBe(400);
  });

  it('stores an alarm that a crash kept from being stored, once, after a restart', async () => {
    await app.start();
    await startSession(app, 'crash', 'ox-crash');
    await postEverySecond(app, 'ox-crash', [97, 97, 97], 0);
    await settled(app);
    await app.kill('SIGKILL');

    // As if ingest committed a desaturation, a reading a second, and the process died before the
    // engine saw it.
    const store = await openAppStore(app.dataDir);
    for (let seq = 3; seq < 20; seq++) {
      const measuredAt = new Date().toISOString();
      await store.appendToStream(
        'vitals-crash',
        [
          {
            id: `crash-reading-${seq}`,
            type: 'OximetryObserved',
            data: { sessionId: 'crash', gatewayId: gateway.gatewayId, deviceId: 'ox-crash', spo2: 84, pulseRate: 80, sensorOff: false, measuredAt, seq, source: 'decoded' },
            occurredAt: measuredAt,
          },
        ],
        { expectedRevision: 'any' },
      );
      await new Promise((r) => setTimeout(r, 1000));
    }
    await store.close();

    await app.start();
    await settled(app);
    const afterFirstRestart = alarmsOf(await sessionEvents(app, 'crash'));
    expect(afterFirstRestart.filter((e) => e.type === 'AlertRaised' && e.data.ruleId === 'spo2-critical')).toHaveLength(1);
    expect(afterFirstRestart.filter((e) => e.type === 'AlertRaised' && e.data.ruleId === 'spo2-low')).toHaveLength(1);

    await app.kill('SIGKILL');
    await app.start();
    await settled(app);
    const afterSecondRestart = alarmsOf(await sessionEvents(app, 'crash'));
    expect(afterSecondRestart.map((e) => e.id)).toEqual(afterFirstRestart.map((e) => e.id));
    expect((await app.get('/api/v1/sessions/crash/verify')).body).toMatchObject({ ok: true });
  });

  it('after a SIGKILL mid-session, has every alarm the replay of the stream computes, and none twice', async () => {
    await app.start();
    await startSession(app, 'midkill', 'ox-mid');
    const pattern = [97, 97, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 85, 85, 85, 85, 85, 85, 85, 85, 85, 85, 85, 85];
    await postEverySecond(app, 'ox-mid', pattern.slice(0, 24), 0);
    // Killed right after answering: the engine may not have stored what this reading raises.
    await app.kill('SIGKILL');
    await app.start();
    await postEverySecond(app, 'ox-mid', pattern.slice(24), 24);
    await settled(app);
    const stream = await sessionEvents(app, 'midkill');
    const stored = alarmsOf(stream).map((e) => e.id);
    expect(new Set(stored).size).toBe(stored.length);
    const { outputs } = await withAppStore(app.dataDir, (store) => replaySession(stream, defaultRuleSet, (a, b) => store.comparePositions(a, b)));
    const replayed = outputs.map(({ output }) => [output.type, output.data.alertId, output.at]);
    expect(alarmsOf(stream).map((e) => [e.type, e.data.alertId, e.occurredAt])).toEqual(replayed);
    expect(replayed.length).toBeGreaterThan(0);
  });

  it('replaying a recorded session reproduces its recorded alarm events exactly', async () => {
    await app.start();
    await startSession(app, 'replay', 'ox-replay');
    expect((await app.post('/api/v1/sessions/replay/devices', { deviceId: 'bp-replay', deviceKind: 'bloodPressureCuff' })).status).toBe(201);
    const bp = (systolic: number, diastolic: number, seq: number) => ({ kind: 'bloodPressure', deviceId: 'bp-replay', measuredAt: new Date().toISOString(), systolic, diastolic, seq });
    await app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings: [bp(150, 95, 1)] }, auth);
    await postEverySecond(app, 'ox-replay', Array(5).fill(97), 0);
    expect((await app.post('/api/v1/sessions/replay/doses', { route: 'intravenous', doseMg: 35, administeredAt: new Date(Date.now() - 1000).toISOString() })).status).toBe(201);
    await app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings: [bp(195, 122, 2)] }, auth);
    await postEverySecond(app, 'ox-replay', Array(20).fill(84), 10);
    await settled(app);
    const stream = await sessionEvents(app, 'replay');
    const recorded = alarmsOf(stream);
    expect(recorded.map((e) => e.data.ruleId)).toEqual(expect.arrayContaining(['predose-bp', 'bp-high', 'bp-critical', 'bp-rise', 'spo2-critical', 'spo2-low']));
    const { outputs } = await withAppStore(app.dataDir, (store) => replaySession(stream, defaultRuleSet, (a, b) => store.comparePositions(a, b)));
    const replayed = outputs.map(({ output }) => ({ type: output.type, at: output.at, data: { sessionId: 'replay', ...output.data, at: output.at } }));
    expect(recorded.map((e) => ({ type: e.type, at: e.occurredAt, data: e.data }))).toEqual(replayed);
    expect(new SessionEngine(defaultRuleSet).lateInputs).toBe(0);
  });

  it('raises no signal-lost alarm for a gateway whose clock runs a minute behind', async () => {
    await app.start();
    await startSession(app, 'lagging', 'ox-lag');
    const lag = 60_000;
    for (let i = 0; i < 25; i++) {
      const reading = { kind: 'oximetry', deviceId: 'ox-lag', measuredAt: new Date(Date.now() - lag).toISOString(), spo2: 98, pulseRate: 70, seq: i };
      expect((await app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings: [reading] }, auth)).body.accepted).toBe(1);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await settled(app);
    expect(alarmsOf(await sessionEvents(app, 'lagging'))).toEqual([]);
  });
});

import { replaySession } from '@vigil/alerting';
import type { RecordedEvent } from '@vigil/event-store';
import { defaultRuleSet } from '@vigil/rules';
import { withAppStore } from '../support/app-store';
import { sessionEvents, settled, waitFor } from '../support/waiting';
import { reevaluationDifferences } from '../support/live-rules-reproduce';
import { gatewaysEnv, makeGateway, VigilProcess, type TestGateway } from '../support/vigil-process';

// Issue 16: alarm timing independent of the gateway's clock (item 1) and the silent oximeter
// (item 4), through the running app. Delays are measured on the server's own record: the
// recordedAt of the first breaching reading and of the alarm event.

const gateways = {
  behind60: makeGateway('gw-behind-60'),
  behind600: makeGateway('gw-behind-600'),
  ahead300: makeGateway('gw-ahead-300'),
  switchA: makeGateway('gw-switch-a'),
  switchB: makeGateway('gw-switch-b'),
};
const OFFSET_S: Record<string, number> = { 'gw-behind-60': -60, 'gw-behind-600': -600, 'gw-ahead-300': 300, 'gw-switch-a': 90, 'gw-switch-b': -240 };

const alarmsOf = (stream: RecordedEvent[]) => stream.filter((e) => e.type.startsWith('Alert') && e.type !== 'AlertAcknowledged');

async function startSession(app: VigilProcess, sessionId: string, deviceId: string): Promise<void> {
  expect((await app.post('/api/v1/sessions', { sessionId, room: sessionId, patientPseudonym: `P-${sessionId}`, clinician: 'Dr C' })).status).toBe(201);
  expect((await app.post(`/api/v1/sessions/${sessionId}/devices`, { deviceId, deviceKind: 'oximeter' })).status).toBe(201);
}

type Patient = { sessionId: string; deviceId: string; gatewayAt: (second: number) => TestGateway };

describe('clinical safety (issue 16) in the running app', () => {
  let app: VigilProcess;

  beforeEach(() => {
    app = new VigilProcess({ VIGIL_GATEWAYS: gatewaysEnv(Object.values(gateways)) });
  });
  afterEach(async () => {
    // Issue 13: every session this suite recorded re-evaluates under the live rule set with no difference.
    if (app.url) expect(await reevaluationDifferences(app)).toEqual({ sessions: expect.arrayContaining([expect.any(String)]), differences: {} });
    await app.stop();
    app.cleanup();
  });

  it('times desaturation alarms from the readings’ arrival whatever each gateway’s clock says, and replays them exactly', async () => {
    await app.start();
    const patients: Patient[] = [
      { sessionId: 'behind-60', deviceId: 'ox-b60', gatewayAt: () => gateways.behind60 },
      { sessionId: 'behind-600', deviceId: 'ox-b600', gatewayAt: () => gateways.behind600 },
      { sessionId: 'ahead-300', deviceId: 'ox-a300', gatewayAt: () => gateways.ahead300 },
      { sessionId: 'switching', deviceId: 'ox-sw', gatewayAt: (second) => (Math.floor(second / 4) % 2 === 0 ? gateways.switchA : gateways.switchB) },
    ];
    for (const patient of patients) await startSession(app, patient.sessionId, patient.deviceId);
    // An IV dose recorded late, without administeredAt: the case measured at 69 s in the issue.
    expect((await app.post('/api/v1/sessions/behind-60/doses', { route: 'intravenous', doseMg: 35 })).status).toBe(201);

    // 1 Hz, posted as each reading is taken: SpO2 97 for 12 s, then 80 for 20 s.
    const t0 = Date.now();
    for (let second = 0; second < 32; second++) {
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + second * 1000 - Date.now())));
      await Promise.all(
        patients.map(async (patient) => {
          const gateway = patient.gatewayAt(second);
          const reading = { kind: 'oximetry', deviceId: patient.deviceId, measuredAt: new Date(Date.now() + OFFSET_S[gateway.gatewayId]! * 1000).toISOString(), spo2: second < 12 ? 97 : 80, pulseRate: 80, seq: second };
          const post = await app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings: [reading] }, { authorization: `Bearer ${gateway.token}` });
          expect(post.body).toMatchObject({ accepted: 1, rejected: [] });
        }),
      );
    }
    const health = await settled(app, 30_000);

    const delays: Record<string, Record<string, number>> = {};
    for (const patient of patients) {
      const stream = await sessionEvents(app, patient.sessionId);
      const firstBreach = stream.find((e) => e.type === 'OximetryObserved' && e.data.spo2 === 80)!;
      const raised = alarmsOf(stream).filter((e) => e.type === 'AlertRaised');
      const delayOf = (ruleId: string) => {
        const alarm = raised.find((e) => e.data.ruleId === ruleId);
        return alarm ? (Date.parse(alarm.recordedAt) - Date.parse(firstBreach.recordedAt)) / 1000 : NaN;
      };
      delays[patient.sessionId] = { 'spo2-critical': delayOf('spo2-critical'), 'spo2-low': delayOf('spo2-low') };
      expect(raised.map((e) => e.data.ruleId).sort()).toEqual(['spo2-critical', 'spo2-low']);
      // The device's own time stays on the reading for display and audit.
      expect(firstBreach.occurredAt).toBe(firstBreach.data.measuredAt);

      // An auditor's replay of the stored stream reproduces the stored alarms exactly.
      const stored = alarmsOf(stream).map((e) => ({ type: e.type, id: e.data.alertId, at: e.occurredAt, data: e.data }));
      const replayed = (await withAppStore(app.dataDir, (store) => replaySession(stream, defaultRuleSet, (a, b) => store.comparePositions(a, b)))).outputs.map(({ output }) => ({ type: output.type, id: output.data.alertId, at: output.at, data: { sessionId: patient.sessionId, ...output.data, at: output.at } }));
      expect(replayed).toEqual(stored);
    }
    // eslint-disable-next-line no-console
    console.log(`issue 16 item 1, delay from the first breaching reading's arrival to the alarm (s): ${JSON.stringify(delays)}`);
    // 10–12 s (the rule's delay, within 2 s); the lower bound allows the test's own 1 Hz posting a
    // few milliseconds of timer jitter between the two readings' arrivals.
    for (const { sessionId } of patients) {
      expect(delays[sessionId]!['spo2-critical']).toBeGreaterThanOrEqual(9.9);
      expect(delays[sessionId]!['spo2-critical']).toBeLessThanOrEqual(12);
      expect(delays[sessionId]!['spo2-low']).toBeGreaterThanOrEqual(14.9);
      expect(delays[sessionId]!['spo2-low']).toBeLessThanOrEqual(17);
    }

    // Health shows each gateway's estimated offset (positive: the gateway's clock is behind).
    const offsets = Object.fromEntries(health.alerting.gatewayClocks.map((c: { gatewayId: string; offsetSeconds: number }) => [c.gatewayId, c.offsetSeconds]));
    for (const [gatewayId, offset] of Object.entries(OFFSET_S)) {
      expect(offsets[gatewayId]).toBeGreaterThanOrEqual(-offset - 0.1);
      expect(offsets[gatewayId]).toBeLessThanOrEqual(-offset + 1);
    }
  });

  it('raises oximeter-no-data 30 s after binding an oximeter that never sends (high after a dose) and warns at a dose with no oximeter sending', async () => {
    await app.start();
    await startSession(app, 'silent', 'ox-silent');
    await startSession(app, 'silent-dosed', 'ox-silent-dosed');
    expect((await app.post('/api/v1/sessions', { sessionId: 'unmonitored', room: 'Room 9', patientPseudonym: 'P-9', clinician: 'Dr C' })).status).toBe(201);

    const dosedSilent = await app.post('/api/v1/sessions/silent-dosed/doses', { route: 'intravenous', doseMg: 35 });
    expect(dosedSilent.status).toBe(201);
    expect(dosedSilent.body.warnings).toEqual([expect.objectContaining({ code: 'oximeter-not-sending', message: expect.stringContaining('ox-silent-dosed') })]);
    const unmonitored = await app.post('/api/v1/sessions/unmonitored/doses', { route: 'intravenous', doseMg: 35 });
    expect(unmonitored.status).toBe(201);
    expect(unmonitored.body.warnings).toEqual([expect.objectContaining({ code: 'no-oximeter-bound' })]);
    expect((await app.get('/api/v1/sessions/unmonitored')).body.doses).toHaveLength(1); // recorded all the same

    const raisedIn = (sessionId: string) =>
      waitFor(`oximeter-no-data in ${sessionId}`, async () => alarmsOf(await sessionEvents(app, sessionId)).find((e) => e.type === 'AlertRaised' && e.data.ruleId === 'oximeter-no-data'), 45_000);
    const [silent, silentDosed] = await Promise.all([raisedIn('silent'), raisedIn('silent-dosed')]);
    for (const [sessionId, alarm, priority] of [['silent', silent, 'medium'], ['silent-dosed', silentDosed, 'high']] as const) {
      const stream = await sessionEvents(app, sessionId);
      const bound = stream.find((e) => e.type === 'DeviceBound')!;
      expect(alarm.data).toMatchObject({ priority, kind: 'technical', value: 30 });
      expect(Date.parse(alarm.occurredAt) - Date.parse(bound.occurredAt)).toBe(30_000);
    }
    expect(alarmsOf(await sessionEvents(app, 'unmonitored'))).toEqual([]);

    // A dosed patient with a sending oximeter gets no warning.
    await startSession(app, 'sending', 'ox-sending');
    const post = await app.post(
      '/api/v1/ingest/readings',
      { gatewayId: gateways.behind60.gatewayId, readings: [{ kind: 'oximetry', deviceId: 'ox-sending', measuredAt: new Date(Date.now() - 60_000).toISOString(), spo2: 97, pulseRate: 80 }] },
      { authorization: `Bearer ${gateways.behind60.token}` },
    );
    expect(post.body.accepted).toBe(1);
    expect((await app.post('/api/v1/sessions/sending/doses', { route: 'sublingual', doseMg: 100 })).body.warnings).toEqual([]);
  });
});

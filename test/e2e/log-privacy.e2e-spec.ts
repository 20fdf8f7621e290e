import { E2E_ADMIN_PASSWORD, E2E_STAFF, signIn, staffTokenFor } from '../support/staff-credentials';
import { gatewaysEnv, makeGateway, VigilProcess } from '../support/vigil-process';
import { sessionEvents, settled } from '../support/waiting';

// Issue 12, item 6 and "Done means": the app's whole output over a run at the most verbose log
// level (sign-ins good and bad, commands, readings, refused inputs, alarms, acknowledgements)
// holds no token, password, pseudonym or reading value. Sentinel values that occur nowhere else
// make the search exact.
jest.setTimeout(120_000);

const PSEUDONYM = 'P-Sentinel-48151';
const WRONG_PASSWORD = 'wrong-password-62342';
const READING = { spo2: 83, pulseRate: 173, perfusionIndex: 7.77 };
const BLOOD_PRESSURE = { systolic: 187, diastolic: 119, meanArterialPressure: 141 };

describe('logs carry no secrets and no patient data', () => {
  const gateway = makeGateway('gw-privacy');
  const app = new VigilProcess({ VIGIL_GATEWAYS: gatewaysEnv([gateway]), LOG_LEVEL: 'trace' });
  afterAll(async () => {
    await app.stop();
    await app.cleanup();
  });

  it('greps the output of a full run for every sentinel and finds none', async () => {
    await app.start();
    const ingest = (readings: unknown[]) => app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings }, { authorization: `Bearer ${gateway.token}` });
    expect((await signIn(app.url, E2E_STAFF.username, WRONG_PASSWORD)).status).toBe(401);
    expect((await app.post('/api/v1/sessions', { sessionId: 'private', room: 'Room 1', patientPseudonym: PSEUDONYM, clinician: 'Dr A' })).status).toBe(201);
    // A refused start naming the pseudonym in a bad field, and a body that fails to parse.
    expect((await app.post('/api/v1/sessions', { sessionId: 'private-2', room: 'Room 2\u0007', patientPseudonym: PSEUDONYM, clinician: 'Dr A' })).status).toBe(400);
    expect((await app.post('/api/v1/sessions', `{"patientPseudonym":"${PSEUDONYM}",`)).status).toBe(400);
    expect((await app.post('/api/v1/sessions/private/devices', { deviceId: 'ox-private', deviceKind: 'oximeter' })).status).toBe(201);
    expect((await app.post('/api/v1/sessions/private/devices', { deviceId: 'bp-private', deviceKind: 'bloodPressureCuff' })).status).toBe(201);
    for (let i = 0; i < 12; i++) {
      expect((await ingest([{ kind: 'oximetry', deviceId: 'ox-private', measuredAt: new Date().toISOString(), seq: i, ...READING }])).status).toBe(202);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect((await ingest([{ kind: 'bloodPressure', deviceId: 'bp-private', measuredAt: new Date().toISOString(), ...BLOOD_PRESSURE }])).status).toBe(202);
    // Refused readings: out of range, and from an unknown gateway token.
    expect((await ingest([{ kind: 'oximetry', deviceId: 'ox-private', measuredAt: new Date().toISOString(), spo2: 173.5, pulseRate: 173 }])).body.rejected).toHaveLength(1);
    expect((await app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings: [] }, { authorization: 'Bearer not-a-token-55555' })).status).toBe(401);
    await settled(app);
    const raised = (await sessionEvents(app, 'private')).find((e) => e.type === 'AlertRaised');
    expect(raised).toBeDefined();
    expect((await app.post(`/api/v1/sessions/private/alerts/${String(raised!.data.alertId)}/acknowledge`, { note: 'checked' })).status).toBe(201);
    expect((await app.post('/api/v1/sessions/private/end', { reason: 'done' })).status).toBe(200);
    await app.stop();

    const output = app.output;
    expect(output.length).toBeGreaterThan(0);
    const secrets = [staffTokenFor(app.url)!, gateway.token, E2E_STAFF.password, E2E_ADMIN_PASSWORD, WRONG_PASSWORD, 'not-a-token-55555', PSEUDONYM];
    for (const secret of secrets) expect(output.includes(secret) ? secret : undefined).toBeUndefined();
    // Reading values, as JSON would carry them.
    for (const [field, value] of Object.entries({ ...READING, ...BLOOD_PRESSURE })) expect(output).not.toMatch(new RegExp(`"${field}":\\s*${value}\\b`));
    expect(output).not.toMatch(/\b7\.77\b|\b173\.5\b/);
  });
});

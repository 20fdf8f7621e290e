import { openAppStore } from '../support/app-store';
import { gatewaysEnv, makeGateway, VigilProcess } from '../support/vigil-process';

const gateway = makeGateway('gw-binding');
const auth = { authorization: `Bearer ${gateway.token}` };
const reading = (seq: number) => ({ kind: 'oximetry', deviceId: 'ox-crashbind', measuredAt: new Date().toISOString(), spo2: 97, pulseRate: 70, seq });

describe('device binding across a crash', () => {
  let app: VigilProcess;
  beforeEach(() => (app = new VigilProcess({ VIGIL_GATEWAYS: gatewaysEnv([gateway]) })));
  afterEach(async () => {
    await app.stop();
    await app.cleanup();
  });

  it('routes readings to the session once a bind interrupted between its two writes is retried', async () => {
    await app.start();
    expect((await app.post('/api/v1/sessions', { sessionId: 'bindcrash', room: 'Room 9', patientPseudonym: 'P-9', clinician: 'Dr D' })).status).toBe(201);
    await app.kill('SIGKILL');
    // As if the process died after claiming the device and before storing DeviceBound.
    const store = await openAppStore(app.dataDir);
    await store.appendToStream(
      'device-binding-ox-crashbind',
      [{ id: 'claim-1', type: 'DeviceAssigned', data: { deviceId: 'ox-crashbind', sessionId: 'bindcrash', deviceKind: 'oximeter', at: new Date().toISOString() }, occurredAt: new Date().toISOString() }],
      { expectedRevision: 'no-stream' },
    );
    await store.close();

    await app.start();
    // The session does not hold the device yet: its readings are kept, unassigned.
    expect((await app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings: [reading(1)] }, auth)).body.unassigned).toEqual({ count: 1, deviceIds: ['ox-crashbind'] });
    expect((await app.post('/api/v1/sessions/bindcrash/devices', { deviceId: 'ox-crashbind', deviceKind: 'oximeter' })).status).toBe(201);
    const after = await app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings: [reading(2)] }, auth);
    expect(after.body).toMatchObject({ accepted: 1, unassigned: { count: 0 } });
    const { body } = await app.get('/api/v1/sessions/bindcrash/events');
    expect(body.events.filter((e: { type: string }) => e.type === 'OximetryObserved').map((e: { data: { seq: number } }) => e.data.seq)).toEqual([2]);
  });

  it('refuses a device another active session holds, and frees it when that session ends', async () => {
    await app.start();
    for (const id of ['first', 'second']) await app.post('/api/v1/sessions', { sessionId: id, room: id, patientPseudonym: `P-${id}`, clinician: 'Dr D' });
    expect((await app.post('/api/v1/sessions/first/devices', { deviceId: 'ox-shared', deviceKind: 'oximeter' })).status).toBe(201);
    const taken = await app.post('/api/v1/sessions/second/devices', { deviceId: 'ox-shared', deviceKind: 'oximeter' });
    expect(taken).toMatchObject({ status: 409, body: { code: 'device-already-bound' } });
    // Named as staff know the other session: by its room and patient (issue 15 item 8).
    expect(taken.body.message).toBe('device ox-shared is held by the active session in first (patient P-first, session first); unbind it there first');
    expect((await app.post('/api/v1/sessions/first/end', {})).status).toBe(200);
    // An ended session keeps no alert engine; the other one is still watched.
    for (let tries = 0; (await app.get('/api/v1/health')).body.alerting.endedSessions !== 1 && tries < 50; tries++) await new Promise((r) => setTimeout(r, 100));
    expect((await app.get('/api/v1/health')).body.alerting).toMatchObject({ sessions: 1, endedSessions: 1 });
    expect((await app.post('/api/v1/sessions/second/devices', { deviceId: 'ox-shared', deviceKind: 'oximeter' })).status).toBe(201);
  });
});

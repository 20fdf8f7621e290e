import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addAccount, GATEWAY_CREDENTIAL_STORE, setAccountPin, type AccountStore, type GatewayCredentialStore } from '@vigil/auth';
import { appWithStaff, MONITOR_PIN, passwordOf, tokenOf } from './testing/app-with-staff';

/** Issue 12, item 3: a display acknowledges only with a person's PIN, and the record names that person. */
describe('acknowledging on a shared display', () => {
  let app: NestFastifyApplication;
  let accounts: AccountStore;
  let close: () => Promise<void>;
  let clinician: string;
  let display: string;
  let alertId: string;
  beforeAll(async () => {
    ({ app, accounts, close } = await appWithStaff());
    clinician = await tokenOf(accounts, 'clinician');
    display = await tokenOf(accounts, 'display');
    const { token: gateway } = app.get<GatewayCredentialStore>(GATEWAY_CREDENTIAL_STORE).add('gw-pin', new Date());
    expect((await post('/api/v1/sessions', { sessionId: 'pin', room: 'Room 9', patientPseudonym: 'P-9', clinician: 'Dr P' }, clinician)).statusCode).toBe(201);
    expect((await post('/api/v1/sessions/pin/devices', { deviceId: 'ox-pin', deviceKind: 'oximeter' }, clinician)).statusCode).toBe(201);
    // Readings are judged at their arrival (docs/alarm-semantics.md): one a second, as an oximeter sends them.
    for (let second = 0; second < 14; second++) {
      const reading = { kind: 'oximetry', deviceId: 'ox-pin', measuredAt: new Date().toISOString(), spo2: 85, pulseRate: 80 };
      expect((await post('/api/v1/ingest/readings', { gatewayId: 'gw-pin', readings: [reading] }, gateway)).statusCode).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    for (let attempt = 0; attempt < 100 && !alertId; attempt++) {
      const raised = (await events()).find((e) => e.type === 'AlertRaised');
      if (raised) alertId = String(raised.data.alertId);
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(alertId).toBeDefined();
  }, 60_000);
  afterAll(() => close());

  function post(url: string, body: unknown, token: string) {
    return app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload: JSON.stringify(body) });
  }
  async function events(): Promise<{ type: string; data: Record<string, unknown> }[]> {
    return (await app.inject({ method: 'GET', url: '/api/v1/sessions/pin/events', headers: { authorization: `Bearer ${clinician}` } })).json<{ events: { type: string; data: Record<string, unknown> }[] }>().events;
  }
  const acknowledge = (body: unknown) => post(`/api/v1/sessions/pin/alerts/${alertId}/acknowledge`, body, display);

  it('refuses a display acknowledgement without a person, or with a wrong PIN, naming why', async () => {
    const without = await acknowledge({});
    expect(without.statusCode).toBe(403);
    expect(without.json().message).toBe('on a shared display an acknowledgement needs the person: {person: {username, pin}}');
    const wrong = await acknowledge({ person: { username: 'monitor', pin: '0000' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().errors).toEqual([{ field: 'person', message: 'wrong username or PIN' }]);
    expect((await acknowledge({ person: { username: 'monitor', pin: '12' } })).statusCode).toBe(400);
  });

  it('locks PIN entry for an account after five wrong PINs, even for the right one, and only for that account', async () => {
    await addAccount(accounts, { username: 'lee', roles: 'monitor', password: passwordOf('lee') }, new Date());
    await setAccountPin(accounts, 'lee', '13579', new Date());
    for (let i = 0; i < 5; i++) expect((await acknowledge({ person: { username: 'lee', pin: `900${i}` } })).statusCode).toBe(403);
    const locked = await acknowledge({ person: { username: 'lee', pin: '13579' } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toBe('PIN entry for lee is locked after 5 wrong PINs: try again in 15 min');
  });

  it('records the person whose PIN was entered, not the display', async () => {
    // The monitor's one wrong PIN above does not lock it: five are needed.
    const acknowledged = await acknowledge({ person: { username: 'monitor', pin: MONITOR_PIN }, by: 'the wall' });
    expect(acknowledged.statusCode).toBe(201);
    const ack = (await events()).find((e) => e.type === 'AlertAcknowledged');
    expect(ack?.data).toMatchObject({ alertId, by: 'monitor' });
  });
});

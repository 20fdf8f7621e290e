import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addAccount, signIn, SOCKET_RECHECK_MS, type AccountStore } from '@vigil/auth';
import { io } from 'socket.io-client';
import { appWithStaff, passwordOf, tokenOf } from './testing/app-with-staff';

describe('sign-in, sessions and who acted', () => {
  let app: NestFastifyApplication;
  let accounts: AccountStore;
  let close: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    ({ app, accounts, close } = await appWithStaff());
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

  it('answers 200 {token, expiresAt, roles} with an HttpOnly, Secure, SameSite session cookie that opens the API', async () => {
    const response = await post('/api/v1/auth/sign-in', { username: 'clinician', password: passwordOf('clinician') });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ token: string; expiresAt: string; roles: string[] }>();
    expect(body).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String), roles: ['clinician'] });
    expect(response.headers['set-cookie']).toBe(`vigil_session=${body.token}; Path=/; HttpOnly; Secure; SameSite=Strict`);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `vigil_session=${body.token}` } });
    expect(me.json()).toMatchObject({ username: 'clinician', roles: ['clinician'] });
  });

  it('answers 401 alike for a wrong password and an unknown name, and 400 naming a missing field', async () => {
    const wrong = await post('/api/v1/auth/sign-in', { username: 'clinician', password: 'not the password' });
    const unknown = await post('/api/v1/auth/sign-in', { username: 'nobody', password: 'not the password' });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().message).toBe(unknown.json().message);
    const missing = await post('/api/v1/auth/sign-in', { username: 'clinician' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
  });

  it('backs off after five wrong passwords with 429 and Retry-After, for that username only', async () => {
    await addAccount(accounts, { username: 'forgetful', roles: 'monitor', password: passwordOf('forgetful') }, new Date());
    for (let i = 0; i < 5; i++) expect((await post('/api/v1/auth/sign-in', { username: 'forgetful', password: `wrong guess ${i}` })).statusCode).toBe(401);
    const sixth = await post('/api/v1/auth/sign-in', { username: 'forgetful', password: passwordOf('forgetful') });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBe('1');
    expect(sixth.json().message).toBe('too many failed sign-ins for forgetful: try again in 1 s');
    expect((await post('/api/v1/auth/sign-in', { username: 'monitor', password: passwordOf('monitor') })).statusCode).toBe(200);
  });

  it('ends the session server-side at sign-out: the token is refused afterwards', async () => {
    const token = await tokenOf(accounts, 'monitor');
    const auth = { authorization: `Bearer ${token}` };
    expect((await post('/api/v1/auth/sign-out', {}, auth)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: auth })).statusCode).toBe(401);
  });

  it('records the signed-in account as `by`, whatever `by` the client sends', async () => {
    const auth = { authorization: `Bearer ${await tokenOf(accounts, 'clinician')}` };
    expect((await post('/api/v1/sessions', { sessionId: 'who', room: 'Room 1', patientPseudonym: 'P-1', clinician: 'Dr Reyes' }, auth)).statusCode).toBe(201);
    const monitor = { authorization: `Bearer ${await tokenOf(accounts, 'monitor')}` };
    const note = await post('/api/v1/sessions/who/interventions', { text: 'repositioned probe', by: 'someone else' }, monitor);
    expect(note.statusCode).toBe(201);
    const bound = await post('/api/v1/sessions/who/devices', { deviceId: 'ox-who', deviceKind: 'oximeter', by: 'someone else' }, auth);
    expect(bound.statusCode).toBe(201);
    const events = (await app.inject({ method: 'GET', url: '/api/v1/sessions/who/events', headers: auth })).json<{ events: { type: string; data: { by?: string }; metadata: { causedBy: string } }[] }>().events;
    expect(events.map((e) => [e.type, e.data.by, e.metadata.causedBy])).toEqual([
      ['SessionStarted', undefined, 'user:clinician'],
      ['InterventionRecorded', 'monitor', 'user:monitor'],
      ['DeviceBound', 'clinician', 'user:clinician'],
    ]);
  });

  it.each([
    ['disabled', (username: string) => accounts.disable(username, new Date())],
    ['signed out', async (username: string, token: string) => void (await post('/api/v1/auth/sign-out', {}, { authorization: `Bearer ${token}` }), username)],
  ])('closes an open dashboard socket once its account is %s', async (what, end) => {
    const username = `wall-${what.replace(' ', '-')}`;
    await addAccount(accounts, { username, roles: 'display', password: passwordOf(username) }, new Date());
    const token = (await signIn(accounts, username, passwordOf(username), new Date()))!.token;
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
    const signedOut = new Promise<unknown>((resolve) => socket.once('signed-out', resolve));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    await end(username, token);
    expect(await signedOut).toEqual({ reason: 'the session ended or the account was disabled' });
    expect(await closed).toBe('io server disconnect');
  }, 10 * SOCKET_RECHECK_MS);

  describe('cross-site requests', () => {
    it('refuses a state-changing request from another site, even with a valid session, naming why', async () => {
      const auth = { authorization: `Bearer ${await tokenOf(accounts, 'clinician')}` };
      const fromAfar = await post('/api/v1/sessions', { room: 'R', patientPseudonym: 'P', clinician: 'C' }, { ...auth, origin: 'https://evil.example' });
      expect(fromAfar.statusCode).toBe(403);
      expect(fromAfar.json().errors).toEqual([{ field: 'origin', message: 'requests from https://evil.example are refused: only this site and the configured origins may send them' }]);
      const fetchMetadata = await post('/api/v1/sessions', { room: 'R', patientPseudonym: 'P', clinician: 'C' }, { ...auth, 'sec-fetch-site': 'cross-site' });
      expect(fetchMetadata.statusCode).toBe(403);
      const sameSite = await post('/api/v1/sessions', { room: 'R', patientPseudonym: 'P', clinician: 'C' }, { ...auth, host: new URL(url).host, origin: url, 'sec-fetch-site': 'same-origin' });
      expect(sameSite.statusCode).toBe(201);
    });

    it('accepts only application/json bodies on state-changing routes (a plain form cannot send one)', async () => {
      const auth = { authorization: `Bearer ${await tokenOf(accounts, 'clinician')}` };
      const form = await app.inject({ method: 'POST', url: '/api/v1/sessions/who/end', headers: { ...auth, 'content-type': 'text/plain' }, payload: '{"reason":"x"}' });
      expect(form.statusCode).toBe(415);
      expect(form.json().errors).toEqual([{ field: 'content-type', message: 'a POST body must be application/json, got "text/plain"' }]);
    });

    it('refuses a socket.io handshake from another origin', async () => {
      const token = await tokenOf(accounts, 'display');
      const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token }, extraHeaders: { origin: 'https://evil.example' } });
      const reason = await new Promise<string>((resolve) => {
        socket.once('connect_error', (error) => resolve(error.message));
        socket.once('connect', () => resolve('connected'));
      });
      socket.disconnect();
      expect(reason).toBe('forbidden-origin');
    });
  });

  it('sends the security headers on the page and the API: CSP, no framing, no sniffing, no referrer, no device features', async () => {
    for (const path of ['/', '/api/v1/health']) {
      const headers = (await app.inject({ method: 'GET', url: path })).headers;
      expect(headers['content-security-policy']).toBe(
        "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;connect-src 'self';font-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
      );
      expect(headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
      expect(headers['permissions-policy']).toMatch(/^camera=\(\), microphone=\(\), geolocation=\(\)/);
      // Plain loopback HTTP: HSTS would tell the browser nothing true (tls.int-spec.ts checks it over TLS).
      expect(headers['strict-transport-security']).toBeUndefined();
    }
  });
});

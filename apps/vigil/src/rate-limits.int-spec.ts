import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GATEWAY_CREDENTIAL_STORE, GATEWAY_REQUESTS_PER_10_SECONDS, STAFF_REQUESTS_PER_MINUTE, type AccountStore, type GatewayCredentialStore } from '@vigil/auth';
import { appWithStaff, tokenOf } from './testing/app-with-staff';

describe('rate limits per account and per gateway', () => {
  let app: NestFastifyApplication;
  let accounts: AccountStore;
  let close: () => Promise<void>;
  beforeAll(async () => ({ app, accounts, close } = await appWithStaff()));
  afterAll(() => close());

  const statuses = async (count: number, request: () => Promise<{ statusCode: number }>) => {
    const seen = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const { statusCode } = await request();
      seen.set(statusCode, (seen.get(statusCode) ?? 0) + 1);
    }
    return Object.fromEntries(seen);
  };

  it('answers 429 to an account past its limit, and not to another account', async () => {
    const monitor = { authorization: `Bearer ${await tokenOf(accounts, 'monitor')}` };
    const session = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
    expect(await statuses(STAFF_REQUESTS_PER_MINUTE, () => session(monitor))).toEqual({ 200: STAFF_REQUESTS_PER_MINUTE });
    const over = await session(monitor);
    expect(over.statusCode).toBe(429);
    expect(over.json().message).toMatch(/^too many requests from this account or gateway/);
    expect((await session({ authorization: `Bearer ${await tokenOf(accounts, 'clinician')}` })).statusCode).toBe(200);
  });

  it('answers 429 to a gateway past its limit, and not to another gateway; health is never limited', async () => {
    const store = app.get<GatewayCredentialStore>(GATEWAY_CREDENTIAL_STORE);
    const busy = { authorization: `Bearer ${store.add('gw-busy', new Date()).token}`, 'content-type': 'application/json' };
    const calm = { authorization: `Bearer ${store.add('gw-calm', new Date()).token}`, 'content-type': 'application/json' };
    const post = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/v1/ingest/readings', headers, payload: '{}' });
    // An empty batch is a 400 once past the limits: each request counts without storing anything.
    expect(await statuses(GATEWAY_REQUESTS_PER_10_SECONDS, () => post(busy))).toEqual({ 400: GATEWAY_REQUESTS_PER_10_SECONDS });
    expect((await post(busy)).statusCode).toBe(429);
    expect((await post(calm)).statusCode).toBe(400);
    expect([200, 503]).toContain((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode);
  });
});

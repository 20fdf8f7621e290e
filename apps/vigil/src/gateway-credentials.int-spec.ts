import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AccountStore } from '@vigil/auth';
import { runVigil } from '../../cli/src/testing/run-vigil';
import { appWithStaff, tokenOf } from './testing/app-with-staff';

describe('gateway credentials managed while the app runs', () => {
  let app: NestFastifyApplication;
  let accounts: AccountStore;
  let dataDir: string;
  let close: () => Promise<void>;
  beforeAll(async () => ({ app, accounts, dataDir, close } = await appWithStaff()));
  afterAll(() => close());

  const json = (method: 'GET' | 'POST', url: string, body: unknown, token: string) =>
    app.inject({ method, url, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, ...(method === 'POST' ? { payload: JSON.stringify(body) } : {}) });
  const ingest = (gatewayId: string, token: string) =>
    json('POST', '/api/v1/ingest/readings', { gatewayId, readings: [{ kind: 'oximetry', deviceId: `ox-${gatewayId}`, measuredAt: new Date().toISOString(), spo2: 97, pulseRate: 70 }] }, token);

  it('an admin makes a token over HTTP (shown once), the gateway posts with it, and a revoked token is refused on its next request', async () => {
    const admin = await tokenOf(accounts, 'admin');
    const made = await json('POST', '/api/v1/gateways', { gatewayId: 'gw-a' }, admin);
    expect(made.statusCode).toBe(201);
    const { token } = made.json<{ token: string }>();
    expect((await ingest('gw-a', token)).statusCode).toBe(202);
    const listed = (await json('GET', '/api/v1/gateways', undefined, admin)).body;
    expect(listed).toContain('"gatewayId":"gw-a"');
    expect(listed).not.toContain(token);
    expect((await json('POST', '/api/v1/gateways/gw-a/revoke', {}, admin)).json()).toEqual({ gatewayId: 'gw-a', revoked: 1 });
    expect((await ingest('gw-a', token)).statusCode).toBe(401);
    expect((await json('POST', '/api/v1/gateways/gw-a/revoke', {}, admin)).statusCode).toBe(404);
  });

  it("gateway A's token cannot post as gateway B", async () => {
    const { token } = (await json('POST', '/api/v1/gateways', { gatewayId: 'gw-b1' }, await tokenOf(accounts, 'admin'))).json<{ token: string }>();
    const asOther = await ingest('gw-b2', token);
    expect(asOther.statusCode).toBe(403);
    expect(asOther.json().message).toBe('this token belongs to gateway gw-b1, not gw-b2');
  });

  it('names a bad gateway id (400), and refuses the clinical roles (403)', async () => {
    const bad = await json('POST', '/api/v1/gateways', { gatewayId: 'gw a' }, await tokenOf(accounts, 'admin'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('gatewayId');
    expect((await json('POST', '/api/v1/gateways', { gatewayId: 'gw-c' }, await tokenOf(accounts, 'clinician'))).statusCode).toBe(403);
  });

  it('vigil gateways add|list|revoke work on the running app, the revocation taking effect at once', async () => {
    const added = await runVigil('gateways', 'add', 'gw-cli', '--data-dir', dataDir);
    const token = /\(shown only this once\): (\S+)/.exec(added.out)![1]!;
    expect((await ingest('gw-cli', token)).statusCode).toBe(202);
    const listed = await runVigil('gateways', 'list', '--data-dir', dataDir);
    expect(listed.out).toMatch(/"gatewayId":"gw-cli","tokenPrefix":"[0-9a-f]{8}","createdAt":"[^"]+","revokedAt":null/);
    expect(listed.out).not.toContain(token);
    expect((await runVigil('gateways', 'revoke', 'gw-cli', '--data-dir', dataDir)).out).toBe('revoked 1 token(s) of gateway gw-cli\n');
    expect((await ingest('gw-cli', token)).statusCode).toBe(401);
    expect(await runVigil('gateways', 'add', 'bad id', '--data-dir', dataDir)).toMatchObject({ code: 1, err: expect.stringContaining('vigil: gatewayId must be') });
  });
});

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ROLES, rolesAllow, type AccountStore, type Permission, type Role } from '@vigil/auth';
import { DashboardGateway } from '@vigil/dashboard';
import { io } from 'socket.io-client';
import { registeredRoutes } from './route-catalogue';
import { appWithStaff, MONITOR_PIN, tokenOf } from './testing/app-with-staff';

/**
 * Issue 12, "Done means": every HTTP route and every socket.io message against every role and no
 * credentials. The routes come from Fastify's own registrations and the messages from the gateway's
 * handlers, so a route or a message added later without a line here fails the first two tests.
 */
type Decision = Permission | Permission[] | 'public' | 'gateway' | 'signed-in';

const ROUTES: Record<string, Decision> = {
  'GET /api/v1/health': 'public',
  'POST /api/v1/auth/sign-in': 'public',
  'POST /api/v1/auth/sign-out': 'signed-in',
  'GET /api/v1/auth/session': 'signed-in',
  'POST /api/v1/sessions': 'start-session',
  'GET /api/v1/sessions': 'read-record',
  'GET /api/v1/sessions/:sessionId': 'read-record',
  'GET /api/v1/sessions/:sessionId/record': 'read-record',
  'GET /api/v1/alarms/history': ['watch', 'read-record'],
  'POST /api/v1/sessions/:sessionId/devices': 'bind-device',
  'DELETE /api/v1/sessions/:sessionId/devices/:deviceId': 'bind-device',
  'POST /api/v1/sessions/:sessionId/doses': 'record-dose',
  'POST /api/v1/sessions/:sessionId/interventions': 'record-intervention',
  'POST /api/v1/sessions/:sessionId/end': 'end-session',
  'GET /api/v1/sessions/:sessionId/events': 'read-record',
  'GET /api/v1/sessions/:sessionId/verify': 'verify',
  'POST /api/v1/sessions/:sessionId/alerts/:alertId/acknowledge': ['acknowledge', 'acknowledge-with-pin'],
  'GET /api/v1/sessions/:sessionId/report.pdf': 'export',
  'GET /api/v1/reports/day': 'export',
  'GET /api/v1/audit/verify': 'verify',
  'GET /api/v1/audit/checkpoint': 'verify',
  'GET /api/v1/audit/access': 'read-access-records',
  'GET /api/v1/audit/sessions/:sessionId/replay': 'audit',
  'GET /api/v1/audit/sessions/:sessionId/export': 'audit',
  'GET /api/v1/audit/sessions/:sessionId/view': 'audit',
  'GET /api/v1/audit/sessions/:sessionId/playback': 'audit',
  'POST /api/v1/audit/sessions/:sessionId/reevaluate': 'audit',
  'GET /reports/day': 'public',
  'GET /reports/day.js': 'public',
  'GET /api/v1/dashboard/discharge-policy': 'watch',
  'POST /api/v1/ingest/readings': 'gateway',
  'POST /api/v1/gateways': 'manage-gateways',
  'GET /api/v1/gateways': 'manage-gateways',
  'POST /api/v1/gateways/:gatewayId/revoke': 'manage-gateways',
  'GET /': 'public',
  'GET /dashboard/:name': 'public',
  'GET /dashboard/vendor/:name': 'public',
  // Swagger's pages and document: the API's shape, no patient data.
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/index.html': 'public',
  'GET /api/docs/LICENSE': 'public',
  'GET /api/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/swagger-ui-init.js': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs-yaml': 'public',
};

const MESSAGES: Record<string, Permission> = { resume: 'watch' };

/** Bodies that get a route past its own checks; `{}` elsewhere. A display acknowledges with a person's PIN. */
const BODIES: Record<string, unknown> = { 'POST /api/v1/sessions/:sessionId/alerts/:alertId/acknowledge': { person: { username: 'monitor', pin: MONITOR_PIN } } };

const PARAMS: Record<string, string> = { gatewayId: 'gw-table', sessionId: 'table-session', deviceId: 'ox-1', alertId: 'alert-1', name: 'app.js' };
const concrete = (url: string) => url.replace(/:(\w+)/g, (_match, name: string) => PARAMS[name]!);

/** What a caller with `roles` (undefined: no credentials) must get: refused with 401/403, or let through. */
function expected(decision: Decision, roles: Role[] | undefined): 401 | 403 | 'through' {
  if (decision === 'public') return 'through';
  // Gateways are not staff: ingest wants its own token, and a staff session is no gateway token.
  if (decision === 'gateway') return 401;
  if (roles === undefined) return 401;
  if (decision === 'signed-in') return 'through';
  return [decision].flat().some((permission) => rolesAllow(roles, permission)) ? 'through' : 403;
}

describe('every door, every role', () => {
  let app: NestFastifyApplication;
  let accounts: AccountStore;
  let close: () => Promise<void>;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    ({ app, accounts, close } = await appWithStaff());
    for (const role of ROLES) tokens.set(role, await tokenOf(accounts, role));
  });
  afterAll(() => close());

  it('has a decision for every registered HTTP route, and no decision for a route that does not exist', () => {
    const registered = registeredRoutes(app.getHttpAdapter().getInstance()).map((r) => `${r.method} ${r.url}`);
    expect([...new Set(registered)].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('has a decision for every socket.io message the dashboard gateway handles', () => {
    const prototype = DashboardGateway.prototype as unknown as Record<string, unknown>;
    const handled = Object.getOwnPropertyNames(prototype)
      .map((name) => Object.getOwnPropertyDescriptor(prototype, name)?.value)
      .filter((method): method is object => typeof method === 'function')
      .map((method) => Reflect.getMetadata('message', method) as string | undefined)
      .filter((message): message is string => message !== undefined);
    expect(handled.sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  const callers: [string, Role | undefined][] = [['no credentials', undefined], ...ROLES.map((role): [string, Role] => [role, role])];
  const cases = Object.entries(ROUTES).flatMap(([route, decision]) => callers.map(([who, role]) => [route, who, role, decision] as const));

  it.each(cases)('%s as %s', async (route, _who, role, decision) => {
    const [method, url] = route.split(' ') as [string, string];
    // Sign-out ends the session it is sent with: it gets a session of its own.
    const token = role === undefined ? undefined : route.endsWith('sign-out') ? await tokenOf(accounts, role) : tokens.get(role)!;
    const response = await app.inject({
      method: method as 'GET',
      url: concrete(url),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(method === 'GET' ? {} : { payload: JSON.stringify(BODIES[route] ?? {}) }),
    });
    const want = expected(decision, role ? [role] : undefined);
    if (want === 'through') expect([401, 403]).not.toContain(response.statusCode);
    else expect(response.statusCode).toBe(want);
  });

  describe('socket.io', () => {
    let url: string;
    beforeAll(async () => {
      await app.listen(0, '127.0.0.1');
      url = await app.getUrl();
    });

    /** Connects with the token, sends each message, and says what happened. */
    const tryMessages = (token: string | undefined) =>
      new Promise<{ connected: false; reason: string } | { connected: true; answered: string[] }>((resolve) => {
        const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token } : {} });
        socket.once('connect_error', (error) => resolve({ connected: false, reason: error.message }));
        socket.once('connect', () => {
          const answered: string[] = [];
          // `resume` from position 0 of another store is answered with a snapshot.
          socket.once('snapshot', () => {
            socket.once('snapshot', () => {
              answered.push('resume');
              socket.disconnect();
              resolve({ connected: true, answered });
            });
            socket.emit('resume', { lastPosition: 0, storeId: 'another-store' });
          });
        });
      });

    it.each(callers)('every message as %s', async (_who, role) => {
      const outcome = await tryMessages(role ? tokens.get(role) : undefined);
      const allowed = role !== undefined && Object.values(MESSAGES).every((permission) => rolesAllow([role], permission));
      if (allowed) expect(outcome).toEqual({ connected: true, answered: Object.keys(MESSAGES) });
      else expect(outcome).toEqual({ connected: false, reason: role === undefined ? 'unauthorized' : 'forbidden' });
    });

    it('refuses a token that is not a session', async () => {
      expect(await tryMessages('not-a-session-token-at-all')).toEqual({ connected: false, reason: 'unauthorized' });
    });
  });
});

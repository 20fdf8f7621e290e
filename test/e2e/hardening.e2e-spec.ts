import { encodePlxContinuous } from '@vigil/ble';
import { STREAM_CATEGORIES } from '@vigil/domain';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { DashboardSocketClient } from '../support/dashboard-socket-client';
import { gatewaysEnv, makeGateway, ROOT, VigilProcess, type TestGateway } from '../support/vigil-process';
import { signInThroughPage } from '../support/staff-credentials';

// Hostile and careless requests, each tried as a class (issue: hardening): after every one the
// dashboard is still live and shows the right values, and nothing accepted before is lost.

jest.setTimeout(180_000);

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).filter((name) => /^[A-Za-z0-9_-]{1,64}$/.test(name));
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

describe('hostile requests', () => {
  const gateway: TestGateway = makeGateway('constructor');
  let app: VigilProcess;
  let wall: DashboardSocketClient;
  const ingest = (readings: unknown[]) => app.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings }, { authorization: `Bearer ${gateway.token}` });
  const oximetry = (deviceId: string, spo2: number, msAgo = 1_000) => ({ kind: 'oximetry', deviceId, measuredAt: iso(msAgo), spo2, pulseRate: 70 });
  const startSession = (sessionId: string, extra: Record<string, unknown> = {}) =>
    app.post('/api/v1/sessions', { sessionId, room: `Room ${sessionId}`, patientPseudonym: 'P-1', clinician: 'Dr Reyes', at: iso(120_000), ...extra });
  const bind = (sessionId: string, deviceId: string) => app.post(`/api/v1/sessions/${encodeURIComponent(sessionId)}/devices`, { deviceId, deviceKind: 'oximeter' });

  /** The wall is live, and a reading posted now reaches it: proof the page did not stop updating. */
  async function expectWallLiveAndCorrect(): Promise<void> {
    const spo2 = 90 + Math.floor(Math.random() * 9);
    expect((await ingest([oximetry('ox-control', spo2, 500)])).status).toBe(202);
    await wall.waitFor((c) => c.state.sessions.get('control')?.oximetry?.spo2 === spo2, `the control session to show SpO2 ${spo2}`, 10_000);
    expect(wall.gaps).toBe(0);
  }

  beforeAll(async () => {
    app = new VigilProcess({ VIGIL_GATEWAYS: gatewaysEnv([gateway]), VIGIL_REQUEST_TIMEOUT_MS: '2000' });
    await app.start();
    expect((await startSession('control')).status).toBe(201);
    expect((await bind('control', 'ox-control')).status).toBe(201);
    wall = new DashboardSocketClient(app.url);
    await wall.connect();
    await wall.waitFor((c) => c.received.some((r) => r.name === 'live'), 'live');
    await expectWallLiveAndCorrect();
  });

  afterAll(async () => {
    wall?.disconnect();
    await app?.stop();
    app?.cleanup();
  });

  it("every Object.prototype name is an ordinary session, device and gateway id, on the wall and after a restart", async () => {
    for (const [i, name] of PROTOTYPE_NAMES.entries()) {
      expect((await startSession(name)).status).toBe(201);
      expect((await bind(name, name)).status).toBe(201);
      expect((await ingest([oximetry(name, 80 + (i % 15))])).body).toMatchObject({ accepted: 1, unassigned: { count: 0 } });
    }
    await wall.waitFor((c) => PROTOTYPE_NAMES.every((name, i) => c.state.sessions.get(name)?.oximetry?.spo2 === 80 + (i % 15)), 'every prototype-named session on the wall', 15_000);
    for (const name of PROTOTYPE_NAMES) {
      const session = await app.get(`/api/v1/sessions/${encodeURIComponent(name)}`);
      expect(session).toMatchObject({ status: 200, body: { room: `Room ${name}` } });
    }
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect((await fetch(`${app.url}/dashboard/${name}`)).status).toBe(404);
    }
    await expectWallLiveAndCorrect();

    await app.stop();
    await app.start();
    wall.disconnect();
    wall = new DashboardSocketClient(app.url);
    await wall.connect();
    await wall.waitFor((c) => c.received.some((r) => r.name === 'live'), 'live after the restart');
    expect(PROTOTYPE_NAMES.filter((name) => !wall.state.sessions.has(name))).toEqual([]);
    await expectWallLiveAndCorrect();
    expect(app.output).not.toMatch(/NOT NULL constraint|TypeError/);
  });

  it('no device id reaches another kind of stream: a category prefix is either refused or kept apart', async () => {
    expect((await startSession('prefixes')).status).toBe(201);
    const prefixIds = Object.values(STREAM_CATEGORIES).flatMap(({ prefix }) => [`${prefix}ox`, prefix.replace(/-$/, ''), `x-${prefix}`]);
    const reserved = ['binding-ox-control', 'binding-x'];
    for (const deviceId of reserved) {
      const bound = await bind('prefixes', deviceId);
      expect(bound.status).toBe(400);
      expect(bound.body.errors).toEqual([{ field: 'deviceId', message: 'deviceId must not start with "binding-" (reserved for another kind of record)' }]);
      const posted = await ingest([oximetry(deviceId, 91)]);
      expect(posted.body).toMatchObject({ accepted: 0, rejected: [{ index: 0, errors: [{ field: 'deviceId' }] }] });
    }
    for (const deviceId of prefixIds) expect((await bind('prefixes', deviceId)).status).toBe(201);
    expect((await ingest(prefixIds.map((deviceId) => oximetry(deviceId, 93)))).body).toMatchObject({ accepted: prefixIds.length, unassigned: { count: 0 } });
    const events = (await app.get('/api/v1/sessions/prefixes/events?limit=10000')).body.events as { type: string; data: { deviceId?: string } }[];
    expect(events.filter((e) => e.type === 'OximetryObserved').map((e) => e.data.deviceId).sort()).toEqual([...prefixIds].sort());
    // The control oximeter still feeds its own patient only.
    await expectWallLiveAndCorrect();
    expect((await startSession('second')).status).toBe(201);
    expect((await bind('second', 'ox-control')).status).toBe(409);
  });

  it.each([100, 1_000, 5_000, 100_000])('a body nested %i levels deep is a 400 on every POST route', async (depth) => {
    const body = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    for (const path of ['/api/v1/sessions', '/api/v1/sessions/control/doses', '/api/v1/sessions/control/interventions', '/api/v1/sessions/control/devices', '/api/v1/sessions/control/end', '/api/v1/ingest/readings']) {
      const response = await app.post(path, body, { authorization: `Bearer ${gateway.token}` });
      expect({ path, status: response.status, message: response.body?.message }).toEqual({ path, status: 400, message: 'the JSON body is nested more than 32 levels deep' });
    }
    await expectWallLiveAndCorrect();
    expect(app.output).not.toMatch(/class-transformer|RangeError|Maximum call stack/);
  });

  it.each(['prototype', 'constructor', '__proto__'])('a %s key is refused like any unknown property', async (key) => {
    const response = await app.post('/api/v1/sessions/control/interventions', `{"text":"x","by":"Kim","${key}":{"polluted":true}}`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: key, message: `property ${key} is not allowed` }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectWallLiveAndCorrect();
  });

  it('implausible clinical times are refused with the field named, as ingest refuses them', async () => {
    const yearAhead = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const cases: [string, Record<string, unknown>, string][] = [
      ['/api/v1/sessions/control/doses', { route: 'intravenous', doseMg: 35, administeredAt: yearAhead }, 'administeredAt'],
      ['/api/v1/sessions/control/doses', { route: 'intravenous', doseMg: 35, administeredAt: '2026-11-29T10:00:00' }, 'administeredAt'],
      ['/api/v1/sessions/control/doses', { route: 'intravenous', doseMg: 35, administeredAt: '2026-11-29' }, 'administeredAt'],
      ['/api/v1/sessions/control/doses', { route: 'intravenous', doseMg: 35, administeredAt: iso(10 * 60_000) }, 'administeredAt'],
      ['/api/v1/sessions/control/interventions', { text: 'x', by: 'Kim', at: iso(10 * 60_000) }, 'at'],
      ['/api/v1/sessions/control/interventions', { text: 'x', by: 'Kim', at: yearAhead }, 'at'],
      ['/api/v1/sessions', { room: 'R', patientPseudonym: 'P', clinician: 'C', at: new Date(Date.now() + 50 * 365 * 86_400_000).toISOString() }, 'at'],
      ['/api/v1/sessions', { room: 'R', patientPseudonym: 'P', clinician: 'C', at: iso(3 * 86_400_000) }, 'at'],
    ];
    for (const [path, body, field] of cases) {
      const response = await app.post(path, body);
      expect({ path, body, status: response.status, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ path, body, status: 400, fields: [field] });
    }
    const events = (await app.get('/api/v1/sessions/control/events?limit=10000')).body.events as { type: string }[];
    expect(events.filter((e) => e.type === 'DoseAdministered' || e.type === 'InterventionRecorded')).toEqual([]);
    await expectWallLiveAndCorrect();
  });

  it('control and bidirectional characters in names and notes are a 400 naming the field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['/api/v1/sessions', { room: 'Room\u202e2', patientPseudonym: 'P', clinician: 'C' }, 'room'],
      ['/api/v1/sessions', { room: 'R', patientPseudonym: 'P-\u0000', clinician: 'C' }, 'patientPseudonym'],
      ['/api/v1/sessions', { room: 'R', patientPseudonym: 'P', clinician: 'Dr\u001b[31m' }, 'clinician'],
      ['/api/v1/sessions/control/interventions', { text: 'note \u2066hidden\u2069', by: 'Kim' }, 'text'],
      ['/api/v1/sessions/control/end', { by: 'Kim', reason: 'done\u0007' }, 'reason'],
    ];
    for (const [path, body, field] of cases) {
      const response = await app.post(path, body);
      expect({ status: response.status, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: [field] });
    }
    expect((await app.post('/api/v1/sessions/control/interventions', { text: 'line one\r\nline two', by: 'Kim' })).status).toBe(201);
    await expectWallLiveAndCorrect();
  });

  it('a GATT value whose SpO2 is a special value is kept with no value and its reason, never as sensor-on null', async () => {
    expect((await startSession('gatt')).status).toBe(201);
    expect((await bind('gatt', 'ox-gatt')).status).toBe(201);
    const specials = [null] as const; // the encoder writes NaN for null
    for (const [i, spo2] of specials.entries()) {
      const value = Buffer.from(encodePlxContinuous({ spo2, pulseRate: 72 })).toString('hex');
      const posted = await ingest([{ kind: 'gatt', deviceId: 'ox-gatt', characteristic: '2A5F', value, receivedAt: iso(1_000 - i) }]);
      expect(posted.body).toMatchObject({ accepted: 1 });
    }
    const events = (await app.get('/api/v1/sessions/gatt/events')).body.events as { type: string; data: Record<string, unknown> }[];
    expect(events.filter((e) => e.type === 'OximetryObserved').map((e) => e.data)).toEqual([
      expect.objectContaining({ spo2: null, pulseRate: 72, sensorOff: false, unavailable: { reason: 'measurementUnavailable', values: { spo2: 'NaN' } } }),
    ]);
    await expectWallLiveAndCorrect();
  });

  it('stalled uploads are closed by the request timeout, and an aborted upload logs one line', async () => {
    const before = app.output.length;
    const port = Number(new URL(app.url).port);
    const answers: string[] = [];
    const sockets = Array.from({ length: 100 }, () => {
      const socket = connect(port, '127.0.0.1');
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => answers.push(chunk.toString().split('\r\n')[0]!));
      socket.write('POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"room":');
      return closed;
    });
    const deadline = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000).unref());
    await expect(Promise.race([Promise.all(sockets).then(() => 'closed'), deadline])).resolves.toBe('closed');
    expect(answers).toEqual(Array.from({ length: 100 }, () => 'HTTP/1.1 408 Request Timeout'));
    await expectWallLiveAndCorrect();
    expect(app.output.slice(before)).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('vigil verify --session names an unknown session and fails', () => {
    let failure: { status?: number; stderr?: Buffer } | undefined;
    try {
      execFileSync(process.execPath, [CLI, 'verify', '--data-dir', app.dataDir, '--session', 'no-such-session'], { stdio: 'pipe' });
    } catch (error) {
      failure = error as { status?: number; stderr?: Buffer };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr?.toString()).toContain('no such session: no-such-session');
  });

  it('the page renders every stored text as text, and shows prototype-named sessions without a script error', async () => {
    const hostile = '<img src=x onerror="window.__xss=1">';
    expect((await startSession('xss', { room: hostile, patientPseudonym: '<script>window.__xss=2</script>', clinician: '<b>Dr</b>' })).status).toBe(201);
    expect((await app.post('/api/v1/sessions/xss/interventions', { text: `<svg onload="window.__xss=3">${hostile}`, by: '<i>Kim</i>' })).status).toBe(201);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await signInThroughPage(page, app.url);
      await page.locator('#connection[data-status="live"]').waitFor({ timeout: 20_000 });
      await page.locator('.tiles [data-session-id="xss"] .tile-room').waitFor();
      await expect(page.locator('.tiles [data-session-id="xss"] .tile-room').textContent()).resolves.toBe(hostile);
      for (const name of PROTOTYPE_NAMES) await page.locator(`.tiles [data-session-id="${name}"]`).waitFor({ timeout: 10_000 });
      await page.goto(`${app.url}/#/sessions/xss`);
      await page.locator('#detail-timeline').getByText('<svg onload', { exact: false }).first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(ROOT, 'test-artifacts', 'hardening-text-as-text.png') });
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('.tiles img, #detail img, .tiles script, #detail svg[onload]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
    await expectWallLiveAndCorrect();
  });
});

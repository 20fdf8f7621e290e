import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, VigilProcess } from '../support/vigil-process';

describe('embedded app: foundation', () => {
  let app: VigilProcess;

  beforeEach(() => {
    app = new VigilProcess();
  });
  afterEach(async () => {
    await app.stop();
    await app.cleanup();
  });

  it('answers /api/v1/health within 15 s of starting', async () => {
    const ms = await app.start(15_000);
    expect(ms).toBeLessThan(15_000);
    const health = await app.get('/api/v1/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('refuses to start on a bad configuration value, naming it', () => {
    let message = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'dist/apps/vigil/src/main.js')], { env: { ...process.env, PORT: 'eighty', VIGIL_DATA_DIR: app.dataDir }, stdio: 'pipe' });
    } catch (error) {
      message = String((error as { stderr: Buffer }).stderr);
      expect((error as { status: number }).status).toBe(78);
    }
    expect(message).toMatch(/PORT must be an integer from 0 to 65535, got "eighty"/);
  });

  it.each([
    [{ VIGIL_EVENT_STORE: 'eventstoredb' }, /EVENTSTORE_URL is required when VIGIL_EVENT_STORE=eventstoredb/],
    [{ VIGIL_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://esdb:2113' }, /EVENTSTORE_URL must be an esdb:\/\/ or esdb\+discover:\/\/ connection string/],
  ])('refuses EventStoreDB configuration %j with exit code 78, naming the variable', (env, expected) => {
    let message = '';
    let status: number | undefined;
    try {
      execFileSync(process.execPath, [join(ROOT, 'dist/apps/vigil/src/main.js')], { env: { ...process.env, EVENTSTORE_URL: '', ...env, VIGIL_DATA_DIR: app.dataDir }, stdio: 'pipe' });
    } catch (error) {
      message = String((error as { stderr: Buffer }).stderr);
      status = (error as { status: number }).status;
    }
    expect(status).toBe(78);
    expect(message).toMatch(expected);
  });

  it('never loses an event of concurrent commands on one session', async () => {
    await app.start();
    await app.post('/api/v1/sessions', { sessionId: 'busy', room: 'Room 1', patientPseudonym: 'P-1', clinician: 'Dr A' });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => app.post('/api/v1/sessions/busy/interventions', { text: `note ${i}`, by: 'nurse' })),
    );
    const accepted = answers.filter((a) => a.status === 201);
    // A 409 after the bounded retry is allowed; a lost acknowledged event is not.
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    const { body } = await app.get('/api/v1/sessions/busy/events');
    const notes = body.events.filter((e: { type: string }) => e.type === 'InterventionRecorded').map((e: { data: { text: string } }) => e.data.text);
    for (const answer of accepted) expect(notes).toContain(answer.body.events[0].data.text);
    expect(notes).toHaveLength(accepted.length);
    expect((await app.get('/api/v1/sessions/busy/verify')).body).toMatchObject({ ok: true });
  });

  it('keeps every acknowledged event when killed with SIGKILL right after answering', async () => {
    await app.start();
    await app.post('/api/v1/sessions', { sessionId: 'crash', room: 'Room 3', patientPseudonym: 'P-3', clinician: 'Dr B' });
    const acknowledged: string[] = [];
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      app
        .post('/api/v1/sessions/crash/interventions', { text: `before crash ${i}`, by: 'nurse' })
        .then((answer) => {
          if (answer.status === 201) acknowledged.push(answer.body.events[0].data.text);
        })
        .catch(() => undefined),
    );
    // Kill as soon as the first answers arrive, while others are still in flight.
    while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 1));
    await app.kill('SIGKILL');
    await Promise.all(inFlight);
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);

    await app.start();
    const { body } = await app.get('/api/v1/sessions/crash/events');
    const stored = body.events.map((e: { data: { text?: string } }) => e.data.text);
    for (const text of acknowledged) expect(stored).toContain(text);
    expect((await app.get('/api/v1/sessions/crash/verify')).body).toMatchObject({ ok: true });
  });
});

describe('vigil CLI', () => {
  it('prints its help right after install', () => {
    const help = execFileSync(process.execPath, [join(ROOT, 'bin/vigil.js'), '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/Usage: vigil/);
  });
});

describe('idempotent staff commands', () => {
  let app: VigilProcess;
  beforeAll(async () => {
    app = new VigilProcess();
    await app.start();
  });
  afterAll(async () => {
    await app.stop();
    await app.cleanup();
  });

  it('answers a retried command with the first result instead of recording it twice', async () => {
    const key = { 'idempotency-key': 'start-7d3f9a2c-retry' };
    const first = await app.post('/api/v1/sessions', { room: 'Room 5', patientPseudonym: 'P-5', clinician: 'Dr E' }, key);
    const retry = await app.post('/api/v1/sessions', { room: 'Room 5', patientPseudonym: 'P-5', clinician: 'Dr E' }, key);
    expect(first.status).toBe(201);
    expect(retry).toMatchObject({ status: 201, body: { sessionId: first.body.sessionId, revision: first.body.revision, position: first.body.position } });

    const id = first.body.sessionId;
    const dose = { route: 'sublingual', doseMg: 200 };
    const doseKey = { 'idempotency-key': 'dose-0b5e7c11-retry' };
    const dosed = await app.post(`/api/v1/sessions/${id}/doses`, dose, doseKey);
    const again = await app.post(`/api/v1/sessions/${id}/doses`, dose, doseKey);
    expect(again.body).toEqual(dosed.body);
    const { body } = await app.get(`/api/v1/sessions/${id}/events`);
    expect(body.events.filter((e: { type: string }) => e.type === 'DoseAdministered')).toHaveLength(1);

    const reused = await app.post(`/api/v1/sessions/${id}/doses`, { ...dose, doseMg: 250 }, doseKey);
    expect(reused.status).toBe(409);
    expect(reused.body.message).toMatch(/already used in this session for a different request/);
    expect((await app.post(`/api/v1/sessions/${id}/doses`, dose, { 'idempotency-key': 'bad key!' })).status).toBe(400);
    // Without a key, a second dose is a booster, as before.
    expect((await app.post(`/api/v1/sessions/${id}/doses`, dose)).body.events[0].data.booster).toBe(true);
  });

  it('binds a device once when the bind is retried with the same key', async () => {
    const { body } = await app.post('/api/v1/sessions', { room: 'Room 6', patientPseudonym: 'P-6', clinician: 'Dr E' });
    const key = { 'idempotency-key': 'bind-4a1c2b9e-retry' };
    const first = await app.post(`/api/v1/sessions/${body.sessionId}/devices`, { deviceId: 'ox-idem', deviceKind: 'oximeter' }, key);
    const retry = await app.post(`/api/v1/sessions/${body.sessionId}/devices`, { deviceId: 'ox-idem', deviceKind: 'oximeter' }, key);
    expect(first.status).toBe(201);
    expect(retry).toMatchObject({ status: 201, body: { revision: first.body.revision } });
  });
});

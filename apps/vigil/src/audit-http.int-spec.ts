import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { latestWitnessCheckpoint, loadVerifyingKey, verifyHeadInclusion, type InclusionProof, type RecordedAuditAccess, type StoreVerification, type WitnessCheckpoint } from '@vigil/audit-trail';
import type { AccountStore } from '@vigil/auth';
import { positionFromString } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appWithStaff, tokenOf } from './testing/app-with-staff';

/**
 * Issue 13, items 1, 5 and 6 over HTTP: the running app records signed checkpoints on its own (and
 * a last one at shutdown), an auditor verifies the store and one session (with inclusion proofs),
 * fetches the latest checkpoint as a witness, and lists who looked; each look is recorded.
 */
describe('audit over HTTP, with checkpoints recorded by the running app', () => {
  const keyDir = mkdtempSync(join(tmpdir(), 'vigil-audit-http-key-'));
  const keyFile = join(keyDir, 'audit-key.pem');
  let app: NestFastifyApplication;
  let accounts: AccountStore;
  let dataDir: string;
  let auditor: string;

  const get = async (url: string, token = auditor) => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    return { status: response.statusCode, body: response.json() as unknown };
  };

  beforeAll(async () => {
    process.env.VIGIL_AUDIT_KEY = keyFile;
    process.env.VIGIL_CHECKPOINT_INTERVAL_MS = '100';
    ({ app, accounts, dataDir } = await appWithStaff());
    auditor = await tokenOf(accounts, 'auditor');
    const clinician = await tokenOf(accounts, 'clinician');
    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clinician}` },
      payload: JSON.stringify({ sessionId: 'audited', room: 'Room 3', patientPseudonym: 'P-3', clinician: 'Dr A' }),
    });
    expect(started.statusCode).toBe(201);
  });
  afterAll(() => {
    delete process.env.VIGIL_AUDIT_KEY;
    delete process.env.VIGIL_CHECKPOINT_INTERVAL_MS;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('serves the latest checkpoint once the app has recorded one', async () => {
    let answer = await get('/api/v1/audit/checkpoint');
    while (answer.status === 404) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await get('/api/v1/audit/checkpoint');
    }
    expect(answer.status).toBe(200);
    const witness = answer.body as WitnessCheckpoint;
    expect(witness.heads.map((head) => head.stream)).toContain('session-audited');
    expect(witness.publicKey).toBe(loadVerifyingKey(keyFile).publicKeyPem);
  });

  it('verifies the whole store clean, signatures checked', async () => {
    const { status, body } = await get('/api/v1/audit/verify');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, findings: [], checkpoints: { signaturesChecked: true } });
  });

  it("verifies one session, proving each of its stream heads in the latest checkpoint's root", async () => {
    const { status, body } = await get('/api/v1/audit/verify?session=audited');
    expect(status).toBe(200);
    const report = body as StoreVerification;
    expect(report).toMatchObject({ ok: true, session: 'audited' });
    const proofs = report.inclusion as InclusionProof[];
    expect(proofs.map((p) => p.stream)).toContain('session-audited');
    for (const proof of proofs) expect(verifyHeadInclusion(proof, report.checkpoints.latest!.rootHash)).toBe(true);
    expect(verifyHeadInclusion({ ...proofs[0]!, revision: proofs[0]!.revision + 1 }, report.checkpoints.latest!.rootHash)).toBe(false);
  });

  it('refuses a malformed session id (400 naming the field) and an unknown one (404)', async () => {
    const bad = await get('/api/v1/audit/verify?session=a~b');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('sessionId must be');
    expect((await get('/api/v1/audit/verify?session=nobody')).status).toBe(404);
  });

  it('lists who looked, each look by the signed-in auditor', async () => {
    const { status, body } = await get('/api/v1/audit/access');
    expect(status).toBe(200);
    const accesses = (body as { accesses: RecordedAuditAccess[] }).accesses;
    expect(accesses.map((a) => [a.by, a.action, a.sessionId ?? null])).toEqual(
      expect.arrayContaining([
        ['user:auditor', 'checkpoint', null],
        ['user:auditor', 'verify', null],
        ['user:auditor', 'verify', 'audited'],
      ]),
    );
    const forSession = (await get('/api/v1/audit/access?session=audited')).body as { accesses: RecordedAuditAccess[] };
    expect(forSession.accesses.every((a) => a.sessionId === 'audited')).toBe(true);
  });

  it('records a last checkpoint at shutdown that covers every event', async () => {
    await app.close();
    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    try {
      const witness = await latestWitnessCheckpoint(store, '');
      const all = await store.readAll({ maxCount: 100_000 });
      const lastRecordEvent = all.filter((event) => event.stream !== 'store-checkpoint').pop()!;
      // It covers the log through the last event (its position may be a later checkpoint's own).
      expect(store.comparePositions(positionFromString(witness!.headPosition), lastRecordEvent.position)).toBeGreaterThanOrEqual(0);
      expect(witness!.heads).toContainEqual({ stream: lastRecordEvent.stream, revision: lastRecordEvent.revision, hash: lastRecordEvent.metadata.chain.hash });
    } finally {
      await store.close();
    }
  });
});

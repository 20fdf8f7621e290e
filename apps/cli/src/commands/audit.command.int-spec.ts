import { loadOrCreateSigningKey, verifyHeadInclusion, type RecordedAuditAccess, type StoreVerification, type WitnessCheckpoint } from '@vigil/audit-trail';
import { testEvent } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../main';
import { auditAccessCommand, auditCheckpointCommand, auditVerifyCommand } from './audit.command';
import { cliActor } from './cli-actor';

// `vigil audit checkpoint | verify --session | access` on one SQLite store, as an auditor runs them.
describe('vigil audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-audit-cli-'));
  const dataDir = join(dir, 'data');
  const key = join(dir, 'key', 'audit-key.pem');
  const store = { dataDir, store: 'sqlite', pgUrl: '', pgSchema: '' };

  const capture = async (run: (output: { out: (t: string) => void; err: (t: string) => void }) => Promise<number>) => {
    let out = '';
    let err = '';
    const code = await run({ out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  };

  beforeAll(async () => {
    const events = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    await events.appendToStream('session-a', [testEvent('a0'), testEvent('a1')], { expectedRevision: 'no-stream' });
    await events.appendToStream('vitals-a', [testEvent('v0')], { expectedRevision: 'no-stream' });
    await events.appendToStream('session-b', [testEvent('b0')], { expectedRevision: 'no-stream' });
    await events.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one command with checkpoint, verify, access, replay, reevaluate and export under it', () => {
    const audit = buildProgram().commands.find((command) => command.name() === 'audit')!;
    expect(audit.commands.map((command) => command.name()).sort()).toEqual(['access', 'checkpoint', 'export', 'reevaluate', 'replay', 'verify']);
  });

  it('checkpoint: says there is none yet, then takes one with --take and prints it as a witness', async () => {
    await expect(auditCheckpointCommand({ ...store, key }, { out: () => {}, err: () => {} })).rejects.toThrow(/no audit key at .*audit-key\.pem/);
    loadOrCreateSigningKey(key);
    const none = await capture((o) => auditCheckpointCommand({ ...store, key }, o));
    expect(none.code).toBe(1);
    expect(none.err).toContain('the store holds no checkpoint yet');
    const taken = await capture((o) => auditCheckpointCommand({ ...store, key, take: true }, o));
    expect(taken.code).toBe(0);
    const witness = JSON.parse(taken.out) as WitnessCheckpoint;
    expect(witness.heads.map((h) => [h.stream, h.revision])).toEqual([
      ['session-a', 1],
      ['session-b', 0],
      ['vitals-a', 0],
    ]);
  });

  it("verify --session: the session's streams only, each head proven in the checkpoint's root", async () => {
    const { code, out } = await capture((o) => auditVerifyCommand({ ...store, key, session: 'a' }, o));
    expect(code).toBe(0);
    const report = JSON.parse(out) as StoreVerification;
    expect(report.streams.map((s) => s.stream)).toEqual(['session-a', 'vitals-a', 'alarms-a']);
    expect(report.inclusion!.map((p) => p.stream)).toEqual(['session-a', 'vitals-a']);
    for (const proof of report.inclusion!) expect(verifyHeadInclusion(proof, report.checkpoints.latest!.rootHash)).toBe(true);
  });

  it('verify names an unknown session and a malformed one', async () => {
    await expect(auditVerifyCommand({ ...store, key, session: 'nobody' }, { out: () => {}, err: () => {} })).rejects.toThrow('no such session: nobody');
    await expect(auditVerifyCommand({ ...store, key, session: 'a~b' }, { out: () => {}, err: () => {} })).rejects.toThrow(/^--session: sessionId must be/);
  });

  it('access: every look so far, by the operating-system account, and --session narrows it', async () => {
    const all = await capture((o) => auditAccessCommand(store, o));
    const accesses = all.out.trim().split('\n').map((line) => JSON.parse(line) as RecordedAuditAccess);
    expect(accesses.map((a) => [a.by, a.action, a.sessionId ?? null])).toEqual([
      [cliActor(), 'checkpoint', null],
      [cliActor(), 'verify', 'a'],
    ]);
    const one = await capture((o) => auditAccessCommand({ ...store, session: 'a' }, o));
    expect(one.out.trim().split('\n').map((line) => (JSON.parse(line) as RecordedAuditAccess).action)).toEqual(['verify']);
  });
});

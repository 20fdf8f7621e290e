import { ACCESS_AUDIT_STREAM } from '@vigil/audit-trail';
import { freshSchemaName, PostgresEventStore, TEST_PG_URL } from '@vigil/event-store-postgres';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { defaultRuleSet } from '@vigil/rules';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kapDefaultWithThreshold } from '../../../../libs/audit-export/src/testing/changed-threshold';
import { fhirR4SchemaErrors } from '../../../../libs/audit-export/src/testing/fhir-r4-schema';
import { recordLive } from '../../../../libs/audit-export/src/testing/live-recording';
import { recordedSessionEvents } from '../../../../libs/report/src/testing/recorded-session';
import { runVigil } from '../testing/run-vigil';

// Issue 13, items 2 to 4 and 6 through the CLI, against an SQLite store holding two sessions
// recorded the way the live alerting service records them (alarms computed by the engine).
describe('vigil audit replay | reevaluate | export', () => {
  let dir: string;
  const file = () => join(dir, 'events.sqlite');
  const audit = (...args: string[]) => runVigil('audit', ...args, '--data-dir', dir);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-audit-'));
    for (const sessionId of ['cli-audit', 'cli-later']) {
      const { store } = await recordLive(recordedSessionEvents({ sessionId }), defaultRuleSet, (clock) => SqliteEventStore.open(file(), { clock }));
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays a session as NDJSON in log order, within a window of recorded time', async () => {
    const all = await audit('replay', '--session', 'cli-audit');
    expect(all).toMatchObject({ code: 0, err: '' });
    const events = all.out.trim().split('\n').map((line) => JSON.parse(line) as { type: string; stream: string; recordedAt: string });
    expect(events[0]).toMatchObject({ type: 'SessionStarted', stream: 'session-cli-audit' });
    expect(events.at(-1)).toMatchObject({ type: 'SessionEnded' });
    expect(new Set(events.map((e) => e.stream))).toEqual(new Set(['session-cli-audit', 'vitals-cli-audit', 'alarms-cli-audit']));
    const from = events[100]!.recordedAt;
    const to = events[199]!.recordedAt;
    const window = await audit('replay', '--session', 'cli-audit', '--from', from, '--to', to);
    const inWindow = window.out.trim().split('\n').map((line) => JSON.parse(line) as { recordedAt: string });
    expect(inWindow.length).toBe(events.filter((e) => e.recordedAt >= from && e.recordedAt <= to).length);
    expect(inWindow.length).toBeGreaterThanOrEqual(100);
  });

  it('refuses a bad window, an unknown session and a bad session id, saying why', async () => {
    expect(await audit('replay', '--session', 'cli-audit', '--from', 'last tuesday')).toMatchObject({ code: 1, out: '', err: expect.stringContaining('from: "last tuesday" is not an ISO 8601 time') });
    expect(await audit('replay', '--session', 'nobody')).toMatchObject({ code: 1, out: '', err: expect.stringContaining('session nobody does not exist') });
    expect(await audit('export', '--session', 'cli-audit', '--format', 'xml')).toMatchObject({ code: 1, err: expect.stringContaining('--format must be one of ndjson, fhir, csv') });
    expect(await audit('reevaluate', '--all')).toMatchObject({ code: 1, err: expect.stringContaining('--all needs --since') });
    expect((await audit('replay', '--session', '../etc')).code).toBe(1);
  });

  it('exports FHIR R4 that validates against the R4 JSON schema, NDJSON, and two CSV files', async () => {
    const fhir = await audit('export', '--session', 'cli-audit', '--format', 'fhir');
    expect(fhir.code).toBe(0);
    const bundle = JSON.parse(fhir.out) as { resourceType: string; entry: unknown[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(fhirR4SchemaErrors(bundle)).toEqual([]);
    const ndjson = await audit('export', '--session', 'cli-audit', '--format', 'ndjson');
    expect(ndjson.out).toBe((await audit('replay', '--session', 'cli-audit')).out);
    const out = join(dir, 'cli-audit.csv');
    const csv = await audit('export', '--session', 'cli-audit', '--format', 'csv', '--out', out);
    expect(csv.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^measured_at,kind,phase,/);
    expect(existsSync(join(dir, 'cli-audit-alarms-and-actions.csv'))).toBe(true);
    expect(readFileSync(join(dir, 'cli-audit-alarms-and-actions.csv'), 'utf8')).toMatch(/AlertRaised/);
  });

  it('re-evaluates: nothing differs under the live rule set; a changed threshold shows exactly its rule', async () => {
    const same = await audit('reevaluate', '--session', 'cli-audit');
    expect(same).toMatchObject({ code: 0, out: '' });
    expect(same.err).toMatch(/0 difference\(s\) under kap-default@1.1.0/);
    const rules = join(dir, 'stricter.json');
    writeFileSync(rules, JSON.stringify(kapDefaultWithThreshold('spo2-low', 88).json));
    const stricter = await audit('reevaluate', '--session', 'cli-audit', '--rules', rules);
    const lines = stricter.out.trim().split('\n').map((line) => JSON.parse(line) as { ruleId: string; change: string });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.ruleId === 'spo2-low' && line.change === 'recorded-only')).toBe(true);
    const many = await audit('reevaluate', '--all', '--since', '2026-11-01', '--rules', rules);
    const summary = many.out.trim().split('\n').map((line) => JSON.parse(line) as { kind?: string; ruleId: string; sessions: number; difference: number });
    expect(summary.find((line) => line.kind === 'rule-summary' && line.ruleId === 'spo2-low')).toMatchObject({ sessions: 2, difference: expect.any(Number) });
    expect(summary.filter((line) => line.kind === 'rule-summary' && line.ruleId !== 'spo2-low').every((line) => line.difference === 0)).toBe(true);
    expect(many.err).toMatch(/2 session\(s\) since 2026-11-01/);
  });

  it('records every replay, export and re-evaluation in the access-audit stream', async () => {
    const store = SqliteEventStore.open(file());
    try {
      const accesses = (await store.readStream(ACCESS_AUDIT_STREAM)).map((event) => event.data);
      expect(accesses.map((access) => access.action)).toEqual(expect.arrayContaining(['replay', 'export', 'reevaluate']));
      expect(accesses.every((access) => typeof access.by === 'string' && access.by.startsWith('cli:'))).toBe(true);
      expect(accesses.find((access) => access.action === 'export')).toMatchObject({ sessionId: 'cli-audit', detail: { format: expect.any(String) } });
    } finally {
      await store.close();
    }
  });
});

describe('vigil audit on PostgreSQL', () => {
  const schema = freshSchemaName('vigil_audit');
  const audit = (...args: string[]) => runVigil('audit', ...args, '--store', 'postgres', '--pg-url', TEST_PG_URL, '--pg-schema', schema);

  beforeAll(async () => {
    const { store } = await recordLive(recordedSessionEvents({ sessionId: 'pg-audit', endAfterDoseMinutes: 45 }), defaultRuleSet, (clock) => PostgresEventStore.open({ connectionString: TEST_PG_URL, schema, clock }));
    await store.close();
  });
  afterAll(() => PostgresEventStore.dropSchema(TEST_PG_URL, schema));

  it('replays, re-evaluates with no difference under the live rule set, and exports a valid FHIR bundle', async () => {
    const replay = await audit('replay', '--session', 'pg-audit');
    expect(replay.code).toBe(0);
    expect(replay.out.trim().split('\n').length).toBeGreaterThan(3000);
    expect(await audit('reevaluate', '--session', 'pg-audit')).toMatchObject({ code: 0, out: '', err: expect.stringMatching(/0 difference\(s\)/) });
    const fhir = await audit('export', '--session', 'pg-audit', '--format', 'fhir');
    expect(fhir.code).toBe(0);
    expect(fhirR4SchemaErrors(JSON.parse(fhir.out))).toEqual([]);
  });
});

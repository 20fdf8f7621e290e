import { Checkpointer, latestWitnessCheckpoint, loadOrCreateSigningKey, type AuditSigningKey, type Finding, type StoreVerification } from '@vigil/audit-trail';
import { eventHashOfCanonical, testEvent, type EventStore } from '@vigil/event-store';
import { openEventStore } from '@vigil/event-store-adapters';
import { freshSchemaName, PostgresEventStore, TEST_PG_URL } from '@vigil/event-store-postgres';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { auditVerifyCommand } from './audit.command';
import type { AuditVerifyOptions } from './audit-verification';
import { selectionOf } from './store-selection';

/*
 * Issue 13, "Done means": the store is tampered with in each of eight ways, by editing the database
 * around Vigil (better-sqlite3 on the file, pg on the rows, immutability triggers switched off), and
 * `vigil audit verify` names the right stream and revision every time (and the witness checkpoint,
 * for a rollback); the untouched store verifies clean. The same cases run on SQLite and PostgreSQL.
 */

type Row = { stream_id: string; revision: number; event_id: string; type: string; data: string; metadata: string; occurred_at: string; recorded_at: string; prev_hash: string | null; hash: string };

/** One engine: its store, and raw SQL on its event table (`$1`… parameters, `EVENTS` for the table). */
type Engine = {
  options: AuditVerifyOptions;
  sql(statement: string, params?: unknown[]): Promise<Row[]>;
  /** Puts the store back as it was when `snapshot` was called (a restored older copy). */
  snapshot(): Promise<() => Promise<void>>;
  cleanup(): Promise<void>;
};

async function sqliteEngine(keyFile: string): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tamper-'));
  const file = join(dir, 'events.sqlite');
  const options: AuditVerifyOptions = { dataDir: dir, store: 'sqlite', pgUrl: '', pgSchema: '', key: keyFile };
  (await openEventStore({ kind: 'sqlite', file })).close();
  return {
    options,
    async sql(statement, params = []) {
      const db = new Database(file);
      try {
        db.exec('DROP TRIGGER IF EXISTS events_are_immutable_update; DROP TRIGGER IF EXISTS events_are_immutable_delete');
        const prepared = db.prepare(statement.replaceAll('EVENTS', 'events').replace(/\$\d+/g, '?'));
        return (prepared.reader ? prepared.all(...params) : (prepared.run(...params), [])) as Row[];
      } finally {
        db.close();
      }
    },
    async snapshot() {
      const copy = join(dir, 'older-copy.sqlite');
      copyFileSync(file, copy);
      return async () => {
        for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
        copyFileSync(copy, file);
      };
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresEngine(keyFile: string): Promise<Engine> {
  const schema = freshSchemaName('vigil_audit_tamper');
  const options: AuditVerifyOptions = { dataDir: '.', store: 'postgres', pgUrl: TEST_PG_URL, pgSchema: schema, key: keyFile };
  await (await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema })).close();
  const run = async (statement: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      await client.query(`ALTER TABLE "${schema}".events DISABLE TRIGGER events_are_immutable`);
      return (await client.query<Row>(statement.replaceAll('EVENTS', `"${schema}".events`), params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    options,
    sql: run,
    async snapshot() {
      // Restoring an older backup of the rows: everything written after this moment goes.
      const [{ last }] = (await run('SELECT MAX(position)::text AS last FROM EVENTS')) as unknown as [{ last: string }];
      return async () => void (await run('DELETE FROM EVENTS WHERE position > $1', [last]));
    },
    cleanup: () => PostgresEventStore.dropSchema(TEST_PG_URL, schema),
  };
}

const readings = (stream: string, n: number, from = 0) => Array.from({ length: n }, (_, i) => testEvent(`${stream}-${from + i}`, { spo2: 90 + ((from + i) % 9) }));

async function withStore<T>(engine: Engine, work: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await openEventStore(selectionOf(engine.options));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** session-a and vitals-a with 10 events each, session-b with 6, then a signed checkpoint (#0). */
async function seed(engine: Engine, key: AuditSigningKey): Promise<void> {
  await withStore(engine, async (store) => {
    await store.appendToStream('session-a', readings('session-a', 10), { expectedRevision: 'no-stream' });
    await store.appendToStream('vitals-a', readings('vitals-a', 10), { expectedRevision: 'no-stream' });
    await store.appendToStream('session-b', readings('session-b', 6), { expectedRevision: 'no-stream' });
    await new Checkpointer(store, key).checkpoint();
  });
}

async function verify(engine: Engine, extra: Partial<AuditVerifyOptions> = {}): Promise<{ code: number; report: StoreVerification; err: string }> {
  let out = '';
  let err = '';
  const code = await auditVerifyCommand({ ...engine.options, ...extra }, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, report: JSON.parse(out) as StoreVerification, err };
}

const finding = (kind: Finding['kind'], stream: string, revision: number, more: Partial<Finding> = {}) => expect.objectContaining({ kind, stream, revision, ...more });

describe.each([
  ['SQLite', sqliteEngine],
  ['PostgreSQL', postgresEngine],
])('vigil audit verify on %s', (_name, makeEngine) => {
  let keyDir: string;
  let keyFile: string;
  let key: AuditSigningKey;
  let engine: Engine;

  beforeAll(() => {
    keyDir = mkdtempSync(join(tmpdir(), 'vigil-audit-key-'));
    keyFile = join(keyDir, 'audit-key.pem');
    key = loadOrCreateSigningKey(keyFile);
  });
  afterAll(() => rmSync(keyDir, { recursive: true, force: true }));
  beforeEach(async () => {
    engine = await makeEngine(keyFile);
    await seed(engine, key);
  });
  afterEach(() => engine.cleanup());

  it('an untouched store verifies clean, with its checkpoint signature checked, and the look is recorded', async () => {
    const { code, report, err } = await verify(engine);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, events: 27, findings: [], checkpoints: { count: 1, signaturesChecked: true, latest: { sequence: 0, treeSize: 3 } } });
    const again = await verify(engine);
    expect(again.report.streams.map((s) => s.stream)).toContain('access-audit');
    expect(again.code).toBe(0);
  });

  it('an edited event', async () => {
    await engine.sql(`UPDATE EVENTS SET data = '{"spo2":80}' WHERE stream_id = 'session-a' AND revision = 3`);
    const { code, report, err } = await verify(engine);
    expect(code).toBe(1);
    expect(report.findings).toEqual([finding('edited-event', 'session-a', 3, { reason: expect.stringContaining('hash mismatch') })]);
    expect(err).toContain('edited-event in session-a at revision 3');
  });

  it('edited metadata', async () => {
    await engine.sql(`UPDATE EVENTS SET metadata = '{"causedBy":"user:someone-else"}' WHERE stream_id = 'vitals-a' AND revision = 5`);
    const { code, report } = await verify(engine);
    expect(code).toBe(1);
    expect(report.findings).toEqual([finding('edited-event', 'vitals-a', 5)]);
  });

  it('a deleted event in the middle', async () => {
    await engine.sql(`DELETE FROM EVENTS WHERE stream_id = 'session-a' AND revision = 4`);
    const { code, report } = await verify(engine);
    expect(code).toBe(1);
    expect(report.findings).toEqual([finding('missing-revision', 'session-a', 4, { reason: expect.stringContaining('revision 4 is missing') })]);
  });

  it('an inserted event', async () => {
    const [before] = await engine.sql(`SELECT * FROM EVENTS WHERE stream_id = 'session-a' AND revision = 5`);
    await engine.sql(`UPDATE EVENTS SET revision = revision + 1000 WHERE stream_id = 'session-a' AND revision >= 6`);
    await engine.sql(`UPDATE EVENTS SET revision = revision - 999 WHERE stream_id = 'session-a' AND revision >= 1000`);
    // The forged event links to the one before it, as a careful forger would.
    await engine.sql(
      `INSERT INTO EVENTS (event_id, stream_id, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash) VALUES ('forged', 'session-a', 6, 'SomethingHappened', '{"spo2":99}', '{}', $1, $2, $3, $4)`,
      [before!.occurred_at, before!.recorded_at, before!.hash, 'f'.repeat(64)],
    );
    const { code, report } = await verify(engine);
    expect(code).toBe(1);
    expect(report.findings).toEqual([finding('inserted-event', 'session-a', 6)]);
  });

  it('two events swapped', async () => {
    await engine.sql(`UPDATE EVENTS SET revision = 1006 WHERE stream_id = 'vitals-a' AND revision = 6`);
    await engine.sql(`UPDATE EVENTS SET revision = 6 WHERE stream_id = 'vitals-a' AND revision = 7`);
    await engine.sql(`UPDATE EVENTS SET revision = 7 WHERE stream_id = 'vitals-a' AND revision = 1006`);
    const { code, report } = await verify(engine);
    expect(code).toBe(1);
    expect(report.findings).toEqual([finding('swapped-events', 'vitals-a', 6)]);
  });

  it('a cut tail', async () => {
    await engine.sql(`DELETE FROM EVENTS WHERE stream_id = 'session-a' AND revision >= 7`);
    const { code, report, err } = await verify(engine);
    expect(code).toBe(1);
    expect(report.findings).toEqual([finding('cut-tail', 'session-a', 7, { checkpoint: 0, reason: expect.stringContaining('recorded revision 9') })]);
    expect(err).toContain('cut-tail in session-a at revision 7 (checkpoint #0)');
  });

  it('a deleted stream', async () => {
    await engine.sql(`DELETE FROM EVENTS WHERE stream_id = 'session-b'`);
    const { code, report } = await verify(engine);
    expect(code).toBe(1);
    expect(report.findings).toEqual([finding('deleted-stream', 'session-b', 5, { checkpoint: 0 })]);
  });

  it('a chain rewritten with fresh hashes (a forger who knows the hash): the checkpoint names it', async () => {
    const rows = await engine.sql(`SELECT * FROM EVENTS WHERE stream_id = 'session-b' ORDER BY revision`);
    let prevHash: string | null = null;
    for (const row of rows) {
      const data = row.revision === 2 ? '{"spo2":70}' : row.data;
      const hash = eventHashOfCanonical({ id: row.event_id, stream: row.stream_id, revision: row.revision, type: row.type, occurredAt: row.occurred_at, recordedAt: row.recorded_at, prevHash }, data, row.metadata);
      await engine.sql(`UPDATE EVENTS SET data = $1, prev_hash = $2, hash = $3 WHERE stream_id = 'session-b' AND revision = $4`, [data, prevHash, hash, row.revision]);
      prevHash = hash;
    }
    const { code, report } = await verify(engine);
    expect(code).toBe(1);
    expect(report.findings).toEqual([finding('rewritten-stream', 'session-b', 5, { checkpoint: 0 })]);
  });

  it('a rollback to an older copy, against a witness checkpoint taken later', async () => {
    const restoreOlder = await engine.snapshot();
    const witnessFile = join(keyDir, `witness-${Date.now()}.json`);
    await withStore(engine, async (store) => {
      await store.appendToStream('session-a', readings('session-a', 3, 10), { expectedRevision: 9 });
      await store.appendToStream('session-c', readings('session-c', 2), { expectedRevision: 'no-stream' });
      await new Checkpointer(store, key).checkpoint();
      writeFileSync(witnessFile, JSON.stringify(await latestWitnessCheckpoint(store, key.publicKeyPem)));
    });
    await restoreOlder();
    // Alone, the older copy is a whole, consistent store: only the witness shows it went back in time.
    expect((await verify(engine)).code).toBe(0);
    const { code, report, err } = await verify(engine, { against: witnessFile });
    expect(code).toBe(1);
    expect(report.witness).toMatchObject({ sequence: 1, inStore: false });
    expect(report.findings).toEqual([
      finding('rollback', 'store-checkpoint', 1, { witness: 1, reason: expect.stringContaining('witness checkpoint #1') }),
      finding('rollback', 'session-a', 10, { witness: 1, reason: expect.stringContaining('recorded revision 12') }),
      finding('rollback', 'session-c', 1, { witness: 1 }),
    ]);
    expect(err).toContain('rollback in session-a at revision 10 (witness checkpoint #1)');
    expect(existsSync(witnessFile)).toBe(true);
  });
});

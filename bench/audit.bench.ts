import { Checkpointer, loadOrCreateSigningKey, storeStreamNames, verifyStore, type AuditSigningKey } from '@vigil/audit-trail';
import { eventHashOfCanonical, type EventStore } from '@vigil/event-store';
import { freshSchemaName, PostgresEventStore, TEST_PG_URL } from '@vigil/event-store-postgres';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { report, timed } from './bench-report';

// `vigil audit verify` throughput (issue 13, "Done means": a store of at least 1,000,000 events,
// aim 300,000 events/s), and the time to take the first checkpoint of such a store from nothing.
// The store is written straight into the adapter's table with real hash chains (the adapter's own
// append path is measured by store.bench); what is timed is only the audit's reading. PostgreSQL
// runs on a smaller store (BENCH_AUDIT_PG_EVENTS) to keep the bench short.
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const PG_EVENTS = Number(process.env.BENCH_AUDIT_PG_EVENTS ?? 200_000);
const SESSIONS = 1000;
const COLUMNS = ['event_id', 'stream_id', 'revision', 'type', 'data', 'metadata', 'occurred_at', 'recorded_at', 'prev_hash', 'hash'] as const;
type Row = [string, string, number, string, string, string, string, string, string | null, string];

/** The store's rows, chained: each session one staff command and one alarm event in fifty, readings between. */
function* chainedRows(events: number): Generator<Row> {
  const heads = new Map<string, { revision: number; hash: string | null }>();
  const start = Date.parse('2026-12-02T08:00:00.000Z');
  for (let i = 0; i < events; i++) {
    const session = i % SESSIONS;
    const kind = Math.floor(i / SESSIONS) % 50;
    const stream = kind === 0 ? `session-s${session}` : kind === 1 ? `alarms-s${session}` : `vitals-s${session}`;
    const head = heads.get(stream) ?? { revision: -1, hash: null };
    const revision = head.revision + 1;
    const at = new Date(start + Math.floor(i / SESSIONS) * 1000).toISOString();
    const data = `{"deviceId":"ox-${session}","pulse":${60 + (i % 40)},"seq":${revision},"spo2":${90 + (i % 10)}}`;
    const metadata = '{"causedBy":"gateway:gw-1"}';
    const fields = { id: `e-${i}`, stream, revision, type: 'OximetryObserved', occurredAt: at, recordedAt: at, prevHash: head.hash };
    const hash = eventHashOfCanonical(fields, data, metadata);
    heads.set(stream, { revision, hash });
    yield [fields.id, stream, revision, fields.type, data, metadata, at, at, head.hash, hash];
  }
}

function fillSqlite(file: string): void {
  void SqliteEventStore.open(file).close();
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insert = db.prepare(`INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const write = db.transaction((rows: Row[]) => rows.forEach((row) => insert.run(...row)));
  let batch: Row[] = [];
  for (const row of chainedRows(EVENTS)) {
    batch.push(row);
    if (batch.length === 10_000) [write(batch), (batch = [])];
  }
  write(batch);
  db.close();
}

async function fillPostgres(schema: string): Promise<void> {
  await (await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema })).close();
  const pool = new Pool({ connectionString: TEST_PG_URL, max: 1 });
  try {
    const insert = (rows: Row[]) =>
      pool.query(
        `INSERT INTO "${schema}".events (${COLUMNS.join(', ')}) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
        COLUMNS.map((_, column) => rows.map((row) => row[column])),
      );
    let batch: Row[] = [];
    for (const row of chainedRows(PG_EVENTS)) {
      batch.push(row);
      if (batch.length === 5_000) [await insert(batch), (batch = [])];
    }
    await insert(batch);
  } finally {
    await pool.end();
  }
}

async function measure(engine: string, store: EventStore, key: AuditSigningKey, events: number): Promise<void> {
  const first = await timed(() => new Checkpointer(store, key).checkpoint());
  report(`audit: first checkpoint of the whole store, ${engine}`, events / first.seconds, 'events/s', { events, streams: first.result?.treeSize ?? 0, seconds: first.seconds });
  const streams = await storeStreamNames(store);
  const verified = await timed(() => verifyStore(store, { streams, key }));
  if (!verified.result.ok) throw new Error(`the ${engine} bench store did not verify: ${JSON.stringify(verified.result.findings.slice(0, 3))}`);
  report(`audit verify: whole store, ${engine}`, verified.result.events / verified.seconds, 'events/s', { events: verified.result.events, streams: streams.length, seconds: verified.seconds, aim: 300_000 });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-audit-'));
  const schema = freshSchemaName('vigil_bench_audit');
  try {
    const key = loadOrCreateSigningKey(join(dir, 'key', 'audit-key.pem'), join(dir, 'data'));
    const file = join(dir, 'data', 'events.sqlite');
    fillSqlite(file);
    const sqlite = SqliteEventStore.open(file);
    await measure('SQLite', sqlite, key, EVENTS).finally(() => sqlite.close());
    await fillPostgres(schema);
    const postgres = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
    await measure('PostgreSQL', postgres, key, PG_EVENTS).finally(() => postgres.close());
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await PostgresEventStore.dropSchema(TEST_PG_URL, schema);
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { LOG_START, type EventStore, type NewEvent } from '@vigil/event-store';
import { freshSchemaName, PostgresEventStore } from '@vigil/event-store-postgres';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { report, timed } from './bench-report';

// `npm run bench:store`: the SQLite and PostgreSQL adapters appending batches of 100 events with
// durability on (SQLite WAL + synchronous=FULL; PostgreSQL synchronous_commit=on), beside raw
// driver inserts of the same rows with the same durability and beside Emmett's event stores for
// the same engines doing the same appends; then replay. One batch at a time, and 16 in flight.
// PostgreSQL: VIGIL_PG_URL (a fresh schema per run, dropped after). Figures only, no assertions.
const TOTAL = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = 100;
const STREAMS = 200;
const CONCURRENCY = 16;
const PG_URL = process.env.VIGIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROOT = resolve(__dirname, '..', '..');

/** Emmett's packages live in their own folders (bench/emmett-*), installed by scripts/install-bench-references.js. */
function emmettPackage(folder: string, name: string): Record<string, (...args: unknown[]) => unknown> {
  return createRequire(join(ROOT, 'bench', folder, 'package.json'))(name) as Record<string, (...args: unknown[]) => unknown>;
}

const reading = (i: number): NewEvent => ({
  id: `bench-${i}`,
  type: 'OximetryObserved',
  data: {
    sessionId: `s${i % STREAMS}`,
    deviceId: `ox-${i % STREAMS}`,
    gatewayId: 'gw-1',
    spo2: 90 + (i % 10),
    pulseRate: 60 + (i % 40),
    sensorOff: false,
    measuredAt: new Date(1_795_000_000_000 + i * 1000).toISOString(),
    receivedAt: new Date(1_795_000_000_000 + i * 1000 + 120).toISOString(),
    source: 'decoded',
    seq: i,
  },
  metadata: { causedBy: 'gateway:gw-1', schemaVersion: 1 },
  occurredAt: new Date(1_795_000_000_000 + i * 1000).toISOString(),
});

type Work = { stream: string; events: NewEvent[] }[];

function work(prefix: string, offset: number): Work {
  const out: Work = [];
  for (let start = 0, index = 0; start < TOTAL; start += BATCH, index++) {
    out.push({ stream: `session-${prefix}${index % STREAMS}`, events: Array.from({ length: Math.min(BATCH, TOTAL - start) }, (_, k) => reading(offset + start + k)) });
  }
  return out;
}

/** Runs `append` over the work with `inFlight` appends at a time; events per second. */
async function rate(items: Work, inFlight: number, append: (item: Work[number]) => Promise<unknown>): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await append(items[next++]!);
  };
  const { seconds } = await timed(() => Promise.all(Array.from({ length: inFlight }, worker)));
  return TOTAL / seconds;
}

/** A reference store that cannot do a run is reported as such, and the benchmark goes on. */
async function attempt(name: string, run: () => Promise<number>, reference?: number): Promise<void> {
  try {
    line(name, await run(), reference);
  } catch (error) {
    process.stdout.write(`${name.padEnd(58)} failed: ${(error as Error).message.split('\n')[0]}\n`);
  }
}

type Line = { name: string; value: number; reference?: number };
const lines: Line[] = [];
function line(name: string, value: number, reference?: number): number {
  lines.push({ name, value, reference });
  report(name, value, 'events/s', reference ? { ratioToRaw: value / reference } : {});
  return value;
}

function rawSqlite(file: string, items: Work): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE raw (id INTEGER PRIMARY KEY, event_id TEXT, stream TEXT, type TEXT, data TEXT, metadata TEXT, UNIQUE (stream, event_id))');
  const insert = db.prepare('INSERT INTO raw (event_id, stream, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
  const commit = db.transaction((item: Work[number]) => {
    for (const event of item.events) insert.run(event.id, item.stream, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
  });
  const start = process.hrtime.bigint();
  for (const item of items) commit(item);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return TOTAL / seconds;
}

/** Raw pg: one INSERT of the batch's 100 rows per append (one transaction, synchronous_commit=on). */
async function rawPostgres(schema: string, items: Work, inFlight: number): Promise<number> {
  const pool = new Pool({ connectionString: PG_URL, max: inFlight, options: '-c synchronous_commit=on' });
  try {
    const table = `"${schema}".raw_${inFlight}`;
    await pool.query(`CREATE TABLE ${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id text, stream text, type text, data text, metadata text, UNIQUE (stream, event_id))`);
    return await rate(items, inFlight, (item) =>
      pool.query(`INSERT INTO ${table} (event_id, stream, type, data, metadata) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`, [
        item.events.map((e) => e.id),
        item.events.map(() => item.stream),
        item.events.map((e) => e.type),
        item.events.map((e) => JSON.stringify(e.data)),
        item.events.map((e) => JSON.stringify(e.metadata)),
      ]),
    );
  } finally {
    await pool.end();
  }
}

async function replay(store: EventStore): Promise<number> {
  const { seconds, result } = await timed(async () => {
    let after = LOG_START;
    let count = 0;
    for (;;) {
      const page = await store.readAll({ afterPosition: after, maxCount: 1000 });
      if (page.length === 0) return count;
      count += page.length;
      after = page[page.length - 1]!.position;
    }
  });
  return result / seconds;
}

type EmmettAppend = (stream: string, events: { type: string; data: unknown; metadata?: unknown }[]) => Promise<unknown>;
const emmettEvents = (item: Work[number]) => item.events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));

/** Emmett's SQLite store, if installed (a devDependency for this benchmark only). */
async function emmettSqlite(file: string): Promise<{ append: EmmettAppend; close(): Promise<void> } | string> {
  try {
    const emmett = emmettPackage('emmett-sqlite', '@event-driven-io/emmett-sqlite');
    const store = emmett.getSQLiteEventStore!({ fileName: file, schema: { autoMigration: 'CreateOrUpdate' } }) as {
      appendToStream: EmmettAppend;
      close?: () => Promise<void>;
    };
    return { append: (stream, events) => store.appendToStream(stream, events), close: async () => store.close?.() };
  } catch (error) {
    return `not available: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** Emmett's PostgreSQL store, if installed. */
async function emmettPostgres(schema: string): Promise<{ append: EmmettAppend; close(): Promise<void> } | string> {
  try {
    const emmett = emmettPackage('emmett-postgresql', '@event-driven-io/emmett-postgresql');
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=on`);
    const store = emmett.getPostgreSQLEventStore!(url.toString()) as { appendToStream: EmmettAppend; close(): Promise<void> };
    return { append: (stream, events) => store.appendToStream(stream, events), close: () => store.close() };
  } catch (error) {
    return `not available: ${(error as Error).message.split('\n')[0]}`;
  }
}

async function sqlitePart(dir: string): Promise<void> {
  process.stdout.write('\n-- SQLite (WAL, synchronous=FULL)\n');
  const raw = line('raw better-sqlite3 inserts (100-row transactions)', rawSqlite(join(dir, 'raw.sqlite'), work('r', 0)));
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  line('Vigil SQLite adapter, one batch at a time', await rate(work('s', 0), 1, (i) => store.appendToStream(i.stream, i.events, { expectedRevision: 'any' })), raw);
  line(`Vigil SQLite adapter, ${CONCURRENCY} batches in flight (group commit)`, await rate(work('c', TOTAL), CONCURRENCY, (i) => store.appendToStream(i.stream, i.events, { expectedRevision: 'any' })), raw);
  report('Vigil SQLite adapter: replay, read all in pages of 1,000', await replay(store), 'events/s');
  await store.close();
  const emmett = await emmettSqlite(join(dir, 'emmett.sqlite'));
  if (typeof emmett === 'string') process.stdout.write(`Emmett SQLite store: ${emmett}\n`);
  else {
    await attempt('Emmett SQLite store, one batch at a time', () => rate(work('e', 0), 1, (i) => emmett.append(i.stream, emmettEvents(i))), raw);
    await attempt(`Emmett SQLite store, ${CONCURRENCY} batches in flight`, () => rate(work('f', TOTAL), CONCURRENCY, (i) => emmett.append(i.stream, emmettEvents(i))), raw);
    await emmett.close().catch(() => undefined);
  }
}

async function postgresPart(): Promise<void> {
  process.stdout.write('\n-- PostgreSQL (synchronous_commit=on)\n');
  const schema = freshSchemaName('vigil_bench');
  const emmettSchema = `${schema}_emmett`;
  const admin = new Pool({ connectionString: PG_URL, max: 1 });
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE SCHEMA "${emmettSchema}"`);
    const raw1 = line('raw pg inserts (one 100-row INSERT per batch), one at a time', await rawPostgres(schema, work('r', 0), 1));
    const raw16 = line(`raw pg inserts, ${CONCURRENCY} batches in flight (${CONCURRENCY} connections)`, await rawPostgres(schema, work('r', 0), CONCURRENCY));
    const store = await PostgresEventStore.open({ connectionString: PG_URL, schema });
    line('Vigil PostgreSQL adapter, one batch at a time', await rate(work('s', 0), 1, (i) => store.appendToStream(i.stream, i.events, { expectedRevision: 'any' })), raw1);
    line(`Vigil PostgreSQL adapter, ${CONCURRENCY} batches in flight (group commit)`, await rate(work('c', TOTAL), CONCURRENCY, (i) => store.appendToStream(i.stream, i.events, { expectedRevision: 'any' })), raw16);
    report('Vigil PostgreSQL adapter: replay, read all in pages of 1,000', await replay(store), 'events/s');
    await store.close();
    const emmett = await emmettPostgres(emmettSchema);
    if (typeof emmett === 'string') process.stdout.write(`Emmett PostgreSQL store: ${emmett}\n`);
    else {
      await attempt('Emmett PostgreSQL store, one batch at a time', () => rate(work('e', 0), 1, (i) => emmett.append(i.stream, emmettEvents(i))), raw1);
      await attempt(`Emmett PostgreSQL store, ${CONCURRENCY} batches in flight`, () => rate(work('f', TOTAL), CONCURRENCY, (i) => emmett.append(i.stream, emmettEvents(i))), raw16);
      await emmett.close().catch(() => undefined);
    }
  } catch (error) {
    process.stdout.write(`PostgreSQL part failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.query(`DROP SCHEMA IF EXISTS "${emmettSchema}" CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

async function main(): Promise<void> {
  // A reference store's stragglers (Emmett SQLite's appends still in flight after one failed) must not end the run.
  process.on('unhandledRejection', (error) => process.stderr.write(`(reference store) ${String(error).split('\n')[0]}\n`));
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-store-'));
  process.stdout.write(`store benchmark: ${TOTAL.toLocaleString('en-US')} events per run, batches of ${BATCH}, ${STREAMS} streams\n`);
  try {
    await sqlitePart(dir);
    await postgresPart();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

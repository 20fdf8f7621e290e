import { Checkpointer, loadOrCreateSigningKey, storeStreamNames, verifyStore } from '@vigil/audit-trail';
import { eventHashOfCanonical } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report, timed } from './bench-report';

// `vigil audit verify` throughput (issue 13, "Done means": a store of at least 1,000,000 events,
// aim 300,000 events/s), and the time to take the first checkpoint of such a store from nothing.
// The store is written straight into the adapter's table with real hash chains (the adapter's own
// append path is measured by store.bench); what is timed is only the audit's reading.
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const SESSIONS = 1000;

function fill(file: string): void {
  void SqliteEventStore.open(file).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const heads = new Map<string, { revision: number; hash: string | null }>();
  const start = Date.parse('2026-12-02T08:00:00.000Z');
  const write = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      // Each session: one staff command and one alarm event in fifty, readings in between.
      const session = i % SESSIONS;
      const kind = Math.floor(i / SESSIONS) % 50;
      const stream = kind === 0 ? `session-s${session}` : kind === 1 ? `alarms-s${session}` : `vitals-s${session}`;
      const head = heads.get(stream) ?? { revision: -1, hash: null };
      const revision = head.revision + 1;
      const at = new Date(start + Math.floor(i / SESSIONS) * 1000).toISOString();
      const data = `{"deviceId":"ox-${session}","pulse":${60 + (i % 40)},"seq":${revision},"spo2":${90 + (i % 10)}}`;
      const metadata = `{"causedBy":"gateway:gw-1"}`;
      const fields = { id: `e-${i}`, stream, revision, type: 'OximetryObserved', occurredAt: at, recordedAt: at, prevHash: head.hash };
      const hash = eventHashOfCanonical(fields, data, metadata);
      insert.run(fields.id, stream, revision, fields.type, data, metadata, at, at, head.hash, hash);
      heads.set(stream, { revision, hash });
    }
  });
  for (let from = 0; from < EVENTS; from += 10_000) write(from, Math.min(EVENTS, from + 10_000));
  db.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-audit-'));
  try {
    const file = join(dir, 'events.sqlite');
    fill(file);
    const key = loadOrCreateSigningKey(join(dir, 'key', 'audit-key.pem'), join(dir, 'data'));
    const store = SqliteEventStore.open(file);
    try {
      const first = await timed(() => new Checkpointer(store, key).checkpoint());
      report('audit: first checkpoint of the whole store', EVENTS / first.seconds, 'events/s', { events: EVENTS, streams: first.result?.treeSize ?? 0, seconds: first.seconds });
      const streams = await storeStreamNames(store);
      const verified = await timed(() => verifyStore(store, { streams, key }));
      if (!verified.result.ok) throw new Error(`the bench store did not verify: ${JSON.stringify(verified.result.findings.slice(0, 3))}`);
      report('audit verify: whole store, SQLite', verified.result.events / verified.seconds, 'events/s', { events: verified.result.events, streams: streams.length, seconds: verified.seconds, aim: 300_000 });
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_START, type NewEvent } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { report, timed } from './bench-report';

// `npm run bench:store`: appends in batches of 100 with durability on (WAL, synchronous=FULL),
// replay of everything, and raw better-sqlite3 inserts with the same durability for the ratio.
const TOTAL = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = 100;
const STREAMS = 200;
const CONCURRENCY = 16;

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

function batches(offset: number): NewEvent[][] {
  const out: NewEvent[][] = [];
  for (let start = 0; start < TOTAL; start += BATCH) {
    out.push(Array.from({ length: Math.min(BATCH, TOTAL - start) }, (_, k) => reading(offset + start + k)));
  }
  return out;
}

async function appendSequential(store: SqliteEventStore, work: NewEvent[][]): Promise<void> {
  for (const [index, batch] of work.entries()) {
    await store.appendToStream(`session-s${index % STREAMS}`, batch, { expectedRevision: 'any' });
  }
}

async function appendConcurrent(store: SqliteEventStore, work: NewEvent[][]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const index = next++;
      await store.appendToStream(`session-c${index % STREAMS}`, work[index]!, { expectedRevision: 'any' });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

function rawInserts(file: string, work: NewEvent[][]): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE raw (id INTEGER PRIMARY KEY, event_id TEXT UNIQUE, stream TEXT, type TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO raw (event_id, stream, type, data) VALUES (?, ?, ?, ?)');
  const commit = db.transaction((batch: NewEvent[], stream: string) => {
    for (const event of batch) insert.run(event.id, stream, event.type, JSON.stringify(event.data));
  });
  work.forEach((batch, index) => commit(batch, `session-s${index % STREAMS}`));
  db.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-store-'));
  try {
    process.stdout.write(`store benchmark: ${TOTAL.toLocaleString('en-US')} events, batches of ${BATCH}, WAL + synchronous=FULL, ${STREAMS} streams\n`);
    const raw = await timed(() => rawInserts(join(dir, 'raw.sqlite'), batches(0)));
    const rawRate = TOTAL / raw.seconds;
    report('raw better-sqlite3 inserts (100-row transactions)', rawRate, 'rows/s');

    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const sequential = await timed(() => appendSequential(store, batches(0)));
    const seqRate = TOTAL / sequential.seconds;
    report('store appends, one batch at a time', seqRate, 'events/s', { ratioToRaw: seqRate / rawRate });

    const concurrent = await timed(() => appendConcurrent(store, batches(TOTAL)));
    const concRate = TOTAL / concurrent.seconds;
    report(`store appends, ${CONCURRENCY} batches in flight (group commit)`, concRate, 'events/s', { ratioToRaw: concRate / rawRate });

    const replay = await timed(async () => {
      let after = LOG_START;
      let count = 0;
      for (;;) {
        const page = await store.readAll({ afterPosition: after, maxCount: 1000 });
        if (page.length === 0) return count;
        count += page.length;
        after = page[page.length - 1]!.position;
      }
    });
    report('replay: read all in pages of 1,000 (parsed events)', replay.result / replay.seconds, 'events/s', { events: replay.result });
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

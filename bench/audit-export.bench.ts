import { exportForAudit, EXPORT_FORMATS, ndjsonLine, replayForAudit } from '@vigil/audit-export';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordedSessionEvents, storeRecordedSession } from '../libs/report/src/testing/recorded-session';
import { report, timed } from './bench-report';

// `npm run bench` (audit part, issue 13 "Done means"): `vigil audit replay` throughput on a store of
// at least 1,000,000 events (two-hour sessions of about 7,400 events each: oximetry at 1 Hz, cuff
// readings, staff commands, alarms), read, windowed and printed as NDJSON as the command does, and
// the time to export one two-hour session in each format (read, map, serialise, record the access).
const STORE_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-audit-'));
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  const context = { store, now: () => new Date('2026-12-01T12:00:00Z'), by: 'bench' };
  try {
    const sessions: string[] = [];
    let stored = 0;
    while (stored < STORE_EVENTS) {
      const sessionId = `bench-${sessions.length}`;
      const events = recordedSessionEvents({ sessionId });
      await storeRecordedSession(store, events);
      sessions.push(sessionId);
      stored += events.length;
    }

    let bytes = 0;
    const replay = await timed(async () => {
      let events = 0;
      for (const sessionId of sessions) {
        const replayed = await replayForAudit(context, sessionId, {});
        for (let i = 0; i < replayed.length; i += 1000) bytes += replayed.slice(i, i + 1000).map(ndjsonLine).join('').length;
        events += replayed.length;
      }
      return events;
    });
    report('audit replay: every session of the store as NDJSON', replay.result / replay.seconds, 'events/s', { store_events: stored, sessions: sessions.length, seconds: replay.seconds, ndjson_mb: bytes / 1e6 });

    for (const format of EXPORT_FORMATS) {
      await exportForAudit(context, 'bench-0', format); // warm-up
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < RUNS; i++) {
        const run = await timed(() => exportForAudit(context, 'bench-0', format));
        times.push(run.seconds * 1000);
        size = run.result.reduce((sum, file) => sum + file.content.length, 0);
      }
      report(`audit export: two-hour session as ${format}, median`, median(times), 'ms', { worst_ms: Math.max(...times), output_mb: size / 1e6, runs: RUNS });
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

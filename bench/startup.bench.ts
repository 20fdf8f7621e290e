import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NewEvent } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { report } from './bench-report';

// Issue 10, item 2: start-up to ready is O(active sessions), not O(log). A store of 1,000,000
// events (1,000 ended sessions and 100 active ones) is opened by the built app three times:
// without a checkpoint (the whole log is replayed: the reference), after a clean stop (the
// checkpoint written at shutdown), and after SIGKILL (the last periodic checkpoint); beside them
// the same app on an empty store. Each figure is the time from spawn to the first 200 from
// GET /api/v1/health.

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'vigil', 'src', 'main.js');
const TOTAL_EVENTS = Number(process.env.BENCH_STARTUP_EVENTS ?? 1_000_000);
const ACTIVE = 100;
const ENDED = 1_000;
const PORT = 39_000 + (process.pid % 1000);

async function fillStore(file: string): Promise<number> {
  const store = SqliteEventStore.open(file);
  const start = Date.now() - 2 * 3_600_000;
  const sessions = ENDED + ACTIVE;
  const readingsPerSession = Math.floor((TOTAL_EVENTS - sessions * 3) / sessions);
  let written = 0;
  const inFlight: Promise<unknown>[] = [];
  const append = async (stream: string, events: NewEvent[]) => {
    inFlight.push(store.appendToStream(stream, events, { expectedRevision: 'any' }));
    written += events.length;
    if (inFlight.length >= 16) await Promise.all(inFlight.splice(0));
  };
  for (let s = 0; s < sessions; s++) {
    const sessionId = `${s < ACTIVE ? 'active' : 'ended'}-${s}`;
    const t0 = start + s * 1000;
    const at = (ms: number) => new Date(ms).toISOString();
    await append(`session-${sessionId}`, [
      { id: `${sessionId}-start`, type: 'SessionStarted', data: { sessionId, room: `Room ${s}`, patientPseudonym: `P-${s}`, clinician: 'Dr Bench', at: at(t0) }, occurredAt: at(t0) },
      { id: `${sessionId}-bind`, type: 'DeviceBound', data: { sessionId, deviceId: `ox-${s}`, deviceKind: 'oximeter', by: 'nurse', at: at(t0) }, occurredAt: at(t0) },
    ]);
    for (let from = 0; from < readingsPerSession; from += 1000) {
      const events: NewEvent[] = [];
      for (let i = from; i < Math.min(readingsPerSession, from + 1000); i++) {
        const measuredAt = at(t0 + 1000 + i * 1000);
        events.push({ id: `${sessionId}-r${i}`, type: 'OximetryObserved', data: { sessionId, gatewayId: 'gw-bench', deviceId: `ox-${s}`, spo2: 96 + (i % 3), pulseRate: 70 + (i % 5), sensorOff: false, measuredAt, seq: i, source: 'decoded' }, occurredAt: measuredAt });
      }
      await append(`vitals-${sessionId}`, events);
    }
    if (s >= ACTIVE) {
      const endAt = at(t0 + 1000 + readingsPerSession * 1000);
      await append(`session-${sessionId}`, [{ id: `${sessionId}-end`, type: 'SessionEnded', data: { sessionId, by: 'Dr Bench', at: endAt }, occurredAt: endAt }]);
    }
  }
  await Promise.all(inFlight);
  await store.close();
  return written;
}

/** Seconds from spawn to the first 200 from health, and the alert engine's account of its start. */
async function startOnce(dataDir: string, stop: 'SIGTERM' | 'SIGKILL'): Promise<{ seconds: number; startedFrom: string; eventsReplayed: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(PORT), VIGIL_DATA_DIR: dataDir, VIGIL_EVENT_STORE: 'sqlite', LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
      const health = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`).catch(() => undefined);
      if (health?.status === 200) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const body = (await health.json()) as { alerting: { checkpoint: { startedFrom: string; eventsReplayed: number } } };
        // Long enough for a periodic checkpoint after start, as in a real run before a crash.
        await new Promise((r) => setTimeout(r, 3_000));
        return { seconds, startedFrom: body.alerting.checkpoint.startedFrom, eventsReplayed: body.alerting.checkpoint.eventsReplayed };
      }
      await health?.arrayBuffer();
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill(stop);
    });
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-startup-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'vigil-bench-startup-empty-'));
  try {
    // The floor: the same app on an empty store (process start, Nest, SQLite open).
    const empty = await startOnce(emptyDir, 'SIGTERM');
    report('start to ready, empty store (reference)', empty.seconds * 1000, 'ms');
    const written = await fillStore(join(dataDir, 'events.sqlite'));
    process.stdout.write(`store: ${written.toLocaleString('en-US')} events, ${ACTIVE} active and ${ENDED} ended sessions\n`);
    const fromLog = await startOnce(dataDir, 'SIGTERM');
    report('start to ready, no checkpoint (whole log replayed)', fromLog.seconds * 1000, 'ms', { startedFrom: fromLog.startedFrom, eventsReplayed: fromLog.eventsReplayed });
    const afterStop = await startOnce(dataDir, 'SIGKILL');
    report('start to ready after a clean stop (checkpoint)', afterStop.seconds * 1000, 'ms', { startedFrom: afterStop.startedFrom, eventsReplayed: afterStop.eventsReplayed, aim: '< 5000 ms' });
    const afterKill = await startOnce(dataDir, 'SIGTERM');
    report('start to ready after SIGKILL (periodic checkpoint)', afterKill.seconds * 1000, 'ms', { startedFrom: afterKill.startedFrom, eventsReplayed: afterKill.eventsReplayed, aim: '< 5000 ms' });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});

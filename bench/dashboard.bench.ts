// Dashboard latency and fan-out, end to end over loopback: readings posted to the ingest API of the
// built app (a child process), received by socket.io clients (another child process, so parsing
// 50 clients' traffic does not delay the load generator's clocks). Both processes stamp times
// with performance.timeOrigin + performance.now(), comparable across processes on one machine.
//
//   node dist/bench/dashboard.bench.js            (after `npm run build`)
//   BENCH_RATE=1000 BENCH_CLIENTS=50 BENCH_SECONDS=20 BENCH_DEVICES=1000 node dist/bench/dashboard.bench.js
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { evolveSessionView, type ChangesMessage, type PositionedChange, type SessionView, type SnapshotMessage } from '@vigil/dashboard';
import { benchStaffEnv, prepareBenchStaff, signInBenchStaff } from './bench-staff';

const now = () => performance.timeOrigin + performance.now();
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

type ClientReport = { arrivals: Record<string, number[]>; deliveredPerSecond: Record<number, number>; changeBytes: number; changeCount: number; snapshotBytes: number; snapshotSessions: number };
type ParentMessage = { type: 'report' };
type ChildMessage = { type: 'ready' } | ({ type: 'report' } & ClientReport);

// ---------------------------------------------------------------- clients (child process)

async function runClients(url: string, count: number): Promise<void> {
  const { io } = await import('socket.io-client');
  const arrivals: Record<string, number[]> = {};
  const deliveredPerSecond: Record<number, number> = {};
  let changeBytes = 0;
  let changeCount = 0;
  let snapshotBytes = 0;
  let snapshotSessions = 0;
  let connected = 0;
  for (let i = 0; i < count; i++) {
    // The wall signs in like any client; the token comes through the environment, never argv.
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, auth: { token: process.env.VIGIL_STAFF_TOKEN } });
    const first = i === 0;
    socket.on('snapshot', (message: SnapshotMessage) => {
      if (first) {
        snapshotBytes = JSON.stringify(message).length;
        snapshotSessions = message.sessions.length;
      }
    });
    socket.on('changes', (message: ChangesMessage) => {
      const at = now();
      const second = Math.floor(at / 1000);
      deliveredPerSecond[second] = (deliveredPerSecond[second] ?? 0) + message.changes.length;
      if (first) {
        changeBytes += JSON.stringify(message).length;
        changeCount += message.changes.length;
      }
      for (const { change } of message.changes) {
        if (change.type !== 'OximetryObserved') continue;
        (arrivals[`${change.deviceId}|${change.measuredAt}`] ??= []).push(at);
      }
    });
    socket.once('live', () => {
      if (++connected === count) process.send?.({ type: 'ready' } satisfies ChildMessage);
    });
  }
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'report') return;
    process.send?.({ type: 'report', arrivals, deliveredPerSecond, changeBytes, changeCount, snapshotBytes, snapshotSessions } satisfies ChildMessage, () => process.exit(0));
  });
}

// ---------------------------------------------------------------- app and load (parent)

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startApp(): Promise<{ url: string; token: string; staffToken: string; gatewayId: string; stop: () => Promise<void> }> {
  const main = resolve(__dirname, '..', 'apps', 'vigil', 'src', 'main.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-dashboard-'));
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const gatewayId = 'bench-gw';
  await prepareBenchStaff(dataDir);
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      VIGIL_DATA_DIR: dataDir,
      VIGIL_GATEWAYS: JSON.stringify([{ gatewayId, tokenSha256: createHash('sha256').update(token).digest('hex') }]),
      LOG_LEVEL: 'silent',
      ...benchStaffEnv(),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('the app did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    token,
    staffToken: await signInBenchStaff(url),
    gatewayId,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** The JSON size of one session's view after 30 minutes of 1 Hz oximetry: the cost of a "whole view per change" protocol. */
function fullViewBytes(): number {
  const start = Date.parse('2026-11-29T10:00:00.000Z');
  const changes: PositionedChange[] = [
    { position: 1, sessionId: 's', change: { type: 'SessionStarted', room: 'Room 1', patientPseudonym: 'P-0001', clinician: 'Dr Reyes', at: new Date(start).toISOString() } },
    { position: 2, sessionId: 's', change: { type: 'DeviceBound', deviceId: 'ox-1', deviceKind: 'oximeter', by: 'nurse', at: new Date(start).toISOString() } },
    ...Array.from({ length: 1800 }, (_, i): PositionedChange => {
      const at = new Date(start + i * 1000).toISOString();
      return { position: i + 3, sessionId: 's', change: { type: 'OximetryObserved', deviceId: 'ox-1', spo2: 95 + (i % 4), pulseRate: 70 + (i % 9), sensorOff: false, measuredAt: at, receivedAt: at } };
    }),
  ];
  return JSON.stringify(changes.reduce<SessionView | undefined>(evolveSessionView, undefined)).length;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/**
 * Posts `rate` readings a second for `seconds`: every 100 ms each poster sends its share, one
 * reading per device per second (the physical source: 1 Hz oximeters). Returns each reading's
 * send and 202 times by key.
 */
async function drive(app: { url: string; token: string; gatewayId: string }, devices: string[], rate: number, seconds: number, seq: { value: number }) {
  const sent = new Map<string, { sentAt: number; acceptedAt: number }>();
  const tickMs = 100;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const posters = Math.min(10, perTick);
  let cursor = 0;
  let failures = 0;
  const start = now();
  const pending: Promise<void>[] = [];
  for (let tick = 0; tick < (seconds * 1000) / tickMs; tick++) {
    const due = start + tick * tickMs;
    const wait = due - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let p = 0; p < posters; p++) {
      const count = Math.floor(perTick / posters) + (p < perTick % posters ? 1 : 0);
      const readings = Array.from({ length: count }, () => {
        const deviceId = devices[cursor++ % devices.length]!;
        seq.value++;
        return { kind: 'oximetry', deviceId, measuredAt: new Date(Date.now() - 1 + (seq.value % 1000) / 1000).toISOString(), spo2: 95 + (seq.value % 4), pulseRate: 70 + (seq.value % 9), seq: seq.value };
      });
      const sentAt = now();
      pending.push(
        post(`${app.url}/api/v1/ingest/readings`, { gatewayId: app.gatewayId, readings }, { authorization: `Bearer ${app.token}` }).then((status) => {
          const acceptedAt = now();
          if (status !== 202) failures++;
          else for (const r of readings) sent.set(`${r.deviceId}|${r.measuredAt}`, { sentAt, acceptedAt });
        }),
      );
    }
  }
  await Promise.all(pending);
  return { sent, failures, elapsedS: (now() - start) / 1000 };
}

async function main(): Promise<void> {
  const rate = env('BENCH_RATE', 1000);
  const clientCount = env('BENCH_CLIENTS', 50);
  const seconds = env('BENCH_SECONDS', 20);
  const deviceCount = env('BENCH_DEVICES', 1000);
  const sessionCount = env('BENCH_SESSIONS', deviceCount);

  console.log(`dashboard bench: ${rate} readings/s from ${deviceCount} oximeters in ${sessionCount} sessions, ${clientCount} WebSocket clients, ${seconds} s`);
  const app = await startApp();
  try {
    const t0 = Date.now();
    const devices = Array.from({ length: deviceCount }, (_, i) => `bench-ox-${i}`);
    await inParallel(
      devices.map((deviceId, i) => ({ deviceId, sessionId: `bench-${i % sessionCount}` })),
      16,
      async ({ deviceId, sessionId }) => {
        if (Number(sessionId.slice(6)) === Number(deviceId.slice(9))) {
          await post(`${app.url}/api/v1/sessions`, { sessionId, room: `Room ${sessionId.slice(6)}`, patientPseudonym: `P-${sessionId}`, clinician: 'bench' }, { authorization: `Bearer ${app.staffToken}` });
        }
        const status = await post(`${app.url}/api/v1/sessions/${sessionId}/devices`, { deviceId, deviceKind: 'oximeter' }, { authorization: `Bearer ${app.staffToken}` });
        if (status !== 201) throw new Error(`binding ${deviceId} to ${sessionId} answered ${status}`);
      },
    );
    console.log(`setup: ${sessionCount} sessions and ${deviceCount} oximeters in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const clients = fork(__filename, ['--clients', app.url, String(clientCount)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, VIGIL_STAFF_TOKEN: app.staffToken } });
    const fromClients = <T extends ChildMessage['type']>(type: T) =>
      new Promise<Extract<ChildMessage, { type: T }>>((resolveMessage) => {
        const listener = (message: ChildMessage) => {
          if (message.type === type) {
            clients.off('message', listener);
            resolveMessage(message as Extract<ChildMessage, { type: T }>);
          }
        };
        clients.on('message', listener);
      });
    await fromClients('ready');

    const seq = { value: 0 };
    const steady = await drive(app, devices, rate, seconds, seq);
    // Fan-out ceiling: offered load doubled until deliveries stop keeping up.
    const ramp: { rate: number; startS: number; endS: number; offered: number }[] = [];
    for (const stepRate of [rate * 2, rate * 4, rate * 8, rate * 16]) {
      const startS = Math.floor(now() / 1000) + 1;
      const result = await drive(app, devices, stepRate, 4, seq);
      ramp.push({ rate: stepRate, startS, endS: Math.floor(now() / 1000) - 1, offered: result.sent.size });
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const reportPromise = fromClients('report');
    clients.send({ type: 'report' } satisfies ParentMessage);
    const report = await reportPromise;

    const fromAccept: number[] = [];
    const fromSend: number[] = [];
    let early = 0;
    let missing = 0;
    for (const [key, { sentAt, acceptedAt }] of steady.sent) {
      const times = report.arrivals[key] ?? [];
      missing += clientCount - times.length;
      for (const at of times) {
        if (at < acceptedAt) early++;
        fromAccept.push(Math.max(0, at - acceptedAt));
        fromSend.push(at - sentAt);
      }
    }
    fromAccept.sort((a, b) => a - b);
    fromSend.sort((a, b) => a - b);
    console.log('');
    console.log(`steady load: ${steady.sent.size} readings accepted in ${steady.elapsedS.toFixed(1)} s (${(steady.sent.size / steady.elapsedS).toFixed(0)}/s), ${steady.failures} failed posts`);
    console.log(`deliveries: ${fromAccept.length} (${clientCount} clients × readings), missing ${missing}`);
    console.log(`latency 202 → client: p50 ${fmt(percentile(fromAccept, 50))}, p99 ${fmt(percentile(fromAccept, 99))}, max ${fmt(fromAccept[fromAccept.length - 1] ?? NaN)} (${((100 * early) / Math.max(1, fromAccept.length)).toFixed(1)}% arrived before the 202 was read; counted as 0)`);
    console.log(`latency send → client: p50 ${fmt(percentile(fromSend, 50))}, p99 ${fmt(percentile(fromSend, 99))}`);
    const perChange = report.changeBytes / Math.max(1, report.changeCount);
    console.log(
      `wire: ${perChange.toFixed(0)} bytes per delta (batched); sending the whole view instead would be ${fullViewBytes()} bytes per change for a session with 30 min of trend (${(fullViewBytes() / perChange).toFixed(0)}×)`,
    );
    console.log('');
    console.log('fan-out ceiling (deliveries = changes × clients per second):');
    for (const step of ramp) {
      const seconds = Object.entries(report.deliveredPerSecond).filter(([s]) => Number(s) >= step.startS && Number(s) <= step.endS).map(([, n]) => n);
      const delivered = seconds.length ? seconds.reduce((a, b) => a + b, 0) / seconds.length : 0;
      console.log(`  offered ${step.rate} readings/s → ${Math.round(delivered)} deliveries/s (${(delivered / clientCount).toFixed(0)} changes/s per client; ${step.rate * clientCount} wanted)`);
    }
    clients.kill();
  } finally {
    await app.stop();
  }
}

if (process.argv[2] === '--clients') {
  void runClients(process.argv[3]!, Number(process.argv[4]));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

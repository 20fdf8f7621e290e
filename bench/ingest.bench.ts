import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Fastify from 'fastify';
import { post } from './bench-http';
import { report } from './bench-report';
import { benchStaffEnv, prepareBenchStaff, signInBenchStaff } from './bench-staff';

// `npm run bench`: readings/s through the ingest HTTP API of the built embedded app (SQLite with
// synchronous=FULL: every 202 waits for its fsync) in batches of 100, and the same load against a
// bare Fastify endpoint that only parses the JSON, in the same run, for the ratio (issue #3).
const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 15);
const WARMUP_SECONDS = Number(process.env.BENCH_INGEST_WARMUP_SECONDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 16);
const SESSIONS = Number(process.env.BENCH_INGEST_SESSIONS ?? 200);
const BATCH = 100;
const AIM_READINGS_PER_SECOND = 20_000;
const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'vigil', 'src', 'main.js');
const INGEST = '/api/v1/ingest/readings';
const BARE_SERVER_FLAG = '--bare-fastify';

type LoadResult = { readings: number; seconds: number; latenciesMs: number[]; failures: string[] };

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no free port'))));
    });
  });
}

/** Batches of 100 readings, each device's seq counting up, so every reading is new. */
function batchMaker(gatewayId: string) {
  const nextSeq = new Array<number>(SESSIONS).fill(0);
  let nextDevice = 0;
  return (): string => {
    const device = nextDevice++ % SESSIONS;
    const base = Date.now() - 60_000;
    const readings = Array.from({ length: BATCH }, (_, k) => {
      const seq = nextSeq[device]!++;
      return { kind: 'oximetry', deviceId: `ox-${device}`, measuredAt: new Date(base + k * 10).toISOString(), spo2: 90 + (seq % 10), pulseRate: 60 + (seq % 40), perfusionIndex: 2.5, seq };
    });
    return JSON.stringify({ gatewayId, readings });
  };
}

/** CONCURRENCY clients, keep-alive, each posting one batch after another; only the measured window counts. */
async function runLoad(port: number, headers: Record<string, string>, nextBody: () => string): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const started = performance.now();
  const measureFrom = started + WARMUP_SECONDS * 1000;
  const end = measureFrom + SECONDS * 1000;
  const result: LoadResult = { readings: 0, seconds: SECONDS, latenciesMs: [], failures: [] };
  const client = async () => {
    while (performance.now() < end) {
      const body = nextBody();
      const sent = performance.now();
      try {
        const answer = await post(agent, port, INGEST, body, headers);
        const received = performance.now();
        const accepted = answer.status === 202 ? (JSON.parse(answer.text) as { accepted: number }).accepted : 0;
        if (accepted !== BATCH) result.failures.push(`${answer.status} ${answer.text.slice(0, 200)}`);
        if (sent >= measureFrom && received <= end) {
          result.readings += accepted;
          result.latenciesMs.push(received - sent);
        }
      } catch (error) {
        result.failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  agent.destroy();
  return result;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function waitForHealth(child: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vigil exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no answer from ${url} within 30 s:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

async function benchVigil(): Promise<{ result: LoadResult; stored: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
  const gatewayId = 'gw-bench';
  const token = randomBytes(24).toString('base64url');
  const port = await freePort();
  await prepareBenchStaff(dataDir);
  let output = '';
  // BENCH_APP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load.
  // The server runs with the flags `npm start` gives it (a larger young generation: fewer GC pauses).
  const nodeArgs = ['--max-semi-space-size=64', ...(process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      VIGIL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...benchStaffEnv(),
      VIGIL_GATEWAYS: JSON.stringify([{ gatewayId, tokenSha256: createHash('sha256').update(token).digest('hex') }]),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(child, `${url}/api/v1/health`, () => output);
    const staff = { authorization: `Bearer ${await signInBenchStaff(url)}` };
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    let next = 0;
    const setUp = async () => {
      while (next < SESSIONS) {
        const i = next++;
        const started = await post(agent, port, '/api/v1/sessions', JSON.stringify({ sessionId: `bench-${i}`, room: `Room ${i}`, patientPseudonym: `P-${i}`, clinician: 'Dr Bench' }), staff);
        const bound = await post(agent, port, `/api/v1/sessions/bench-${i}/devices`, JSON.stringify({ deviceId: `ox-${i}`, deviceKind: 'oximeter' }), staff);
        if (started.status !== 201 || bound.status !== 201) throw new Error(`session set-up failed: ${started.status} ${started.text} / ${bound.status} ${bound.text}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, setUp));
    agent.destroy();

    const result = await runLoad(port, { authorization: `Bearer ${token}` }, batchMaker(gatewayId));
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { store?: { headPosition?: number } };
    return { result, stored: health.store?.headPosition ?? 0 };
  } finally {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchBareFastify(): Promise<LoadResult> {
  const child = spawn(process.execPath, [__filename, BARE_SERVER_FLAG], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((done, fail) => {
      let text = '';
      child.stdout?.on('data', (chunk) => {
        text += chunk;
        const match = /listening on (\d+)/.exec(text);
        if (match) done(Number(match[1]));
      });
      child.once('exit', (code) => fail(new Error(`bare Fastify exited with ${code}`)));
    });
    return await runLoad(port, {}, batchMaker('gw-bench'));
  } finally {
    await stopChild(child);
  }
}

/** The baseline: Fastify with the same body limit, parsing the JSON and answering 202, nothing else. */
async function serveBareFastify(): Promise<void> {
  const app = Fastify({ bodyLimit: 1024 * 1024 });
  app.post(INGEST, async (req, reply) => {
    const { readings } = req.body as { readings?: unknown };
    void reply.code(202);
    return { accepted: Array.isArray(readings) ? readings.length : 0, duplicates: 0, rejected: [], unassigned: { count: 0, deviceIds: [] } };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(`listening on ${typeof address === 'object' && address ? address.port : 0}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

function summarise(result: LoadResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return { rate: result.readings / result.seconds, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), requests: sorted.length, failures: result.failures.length };
}

async function main(): Promise<void> {
  process.stdout.write(
    `ingest benchmark: batches of ${BATCH}, ${CONCURRENCY} requests in flight, ${SESSIONS} sessions with bound oximeters, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured, 127.0.0.1\n`,
  );
  const vigil = await benchVigil();
  const bare = await benchBareFastify();
  const v = summarise(vigil.result);
  const b = summarise(bare);
  const { rate, ...vigilExtra } = v;
  const { rate: bareRate, ...bareExtra } = b;
  report('ingest HTTP API, embedded, durable (fsync per commit)', rate, 'readings/s', { ...vigilExtra, stored: vigil.stored });
  report('bare Fastify, parse the same JSON and answer 202', bareRate, 'readings/s', bareExtra);
  report('ratio ingest / bare Fastify', (rate / bareRate) * 100, '%', { ratio: (rate / bareRate).toFixed(3) });
  process.stdout.write(`aim ≥ ${AIM_READINGS_PER_SECOND.toLocaleString('en-US')} readings/s: ${rate >= AIM_READINGS_PER_SECOND ? 'met' : 'not met'}\n`);
  for (const [name, result] of [['ingest', vigil.result], ['bare', bare]] as const) {
    if (result.failures.length > 0) process.stdout.write(`${name}: ${result.failures.length} failed requests, first: ${result.failures[0]}\n`);
  }
  if (v.failures > 0 || b.failures > 0) process.exitCode = 1;
}

if (process.argv.includes(BARE_SERVER_FLAG)) {
  void serveBareFastify();
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`ingest bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

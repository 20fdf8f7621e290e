import 'reflect-metadata';
import { SessionEngine } from '@vigil/alerting';
import { integerPositions, type RecordedEvent } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { loadConfig } from '@vigil/platform';
import { defaultRuleSet } from '@vigil/rules';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/vigil/src/create-app';
import { report } from './bench-report';
import { benchStaffEnv, prepareBenchStaff, signInBenchStaff } from './bench-staff';

// `npm run bench` (alerting part): the pure engine's throughput, then the latency a running app
// adds between a breaching reading's 202 and its AlertRaised being in the store, at 1,000 readings/s.
const SESSIONS = 1000;
const RATE = 1000; // readings per second: one per session per second, as oximeters send
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

function engineThroughput(): void {
  const sessions = 100;
  const perSession = 2000;
  const engines = Array.from({ length: sessions }, () => new SessionEngine(defaultRuleSet));
  const event = (s: number, i: number): RecordedEvent => ({
    id: `${s}-${i}`,
    stream: `session-b${s}`,
    revision: i,
    position: integerPositions.encode(i + 1),
    type: i === 0 ? 'SessionStarted' : 'OximetryObserved',
    data: { sessionId: `b${s}`, spo2: 90 + ((i * 7 + s) % 10), pulseRate: 60 + ((i * 13 + s) % 70), sensorOff: i % 97 === 0 },
    metadata: { chain: { prevHash: null, hash: '' } },
    occurredAt: new Date(1_795_000_000_000 + i * 1000).toISOString(),
    recordedAt: '',
  });
  const inputs = Array.from({ length: perSession }, (_, i) => Array.from({ length: sessions }, (_, s) => event(s, i))).flat();
  const start = process.hrtime.bigint();
  let outputs = 0;
  for (const input of inputs) outputs += engines[Number(input.stream.slice(9))]!.input(input).length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rules = defaultRuleSet.rules.length;
  report('alert engine: readings evaluated (one process)', inputs.length / seconds, 'readings/s', { rules, outputs });
  report('alert engine: rule evaluations (readings x rules)', (inputs.length * rules) / seconds, 'evaluations/s');
}

async function endToEndLatency(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-alerting-'));
  const token = randomBytes(16).toString('hex');
  await prepareBenchStaff(dataDir);
  const config = loadConfig({ VIGIL_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...benchStaffEnv(), VIGIL_GATEWAYS: JSON.stringify([{ gatewayId: 'gw-bench', tokenSha256: createHash('sha256').update(token).digest('hex') }]) });
  const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  const app = await createApp(config, { store, logger: false });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const staffToken = await signInBenchStaff(url);
  // Gateways post readings with their token; staff commands carry the signed-in clinician's.
  const json = (path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${path.startsWith('/api/v1/ingest') ? token : staffToken}` }, body: JSON.stringify(body) });
  try {
    for (let s = 0; s < SESSIONS; s++) {
      await json('/api/v1/sessions', { sessionId: `p${s}`, room: `Room ${s}`, patientPseudonym: `P-${s}`, clinician: 'bench' });
      await json(`/api/v1/sessions/p${s}/devices`, { deviceId: `ox-${s}`, deviceKind: 'oximeter' });
    }
    // Watch the store for AlertRaised: the moment the alarm is durable.
    const raisedAt = new Map<string, number>();
    const subscription = store.subscribeToAll({ afterPosition: await store.headPosition() });
    void (async () => {
      for await (const message of subscription) {
        if (message.kind === 'event' && message.event.type === 'AlertRaised' && message.event.data.ruleId === 'spo2-critical') {
          raisedAt.set(String(message.event.data.sessionId), performance.now());
        }
      }
    })();

    // Five more sessions desaturate each second; the 11th breaching second is the triggering reading.
    const t0 = Date.now();
    const triggerAcked = new Map<string, number>();
    const latencies: number[] = [];
    let posted = 0;
    const batchesPerSecond = 10;
    for (let tick = 0; tick < SECONDS * batchesPerSecond; tick++) {
      const second = Math.floor(tick / batchesPerSecond);
      const slice = tick % batchesPerSecond;
      const measuredAt = new Date(t0 + second * 1000).toISOString();
      const readings = [];
      const triggers: string[] = [];
      for (let s = slice * (SESSIONS / batchesPerSecond); s < (slice + 1) * (SESSIONS / batchesPerSecond); s++) {
        const desatStart = s < 5 * (SECONDS - 11) ? Math.floor(s / 5) : Infinity;
        const breaching = second >= desatStart;
        if (breaching && second === desatStart + 10) triggers.push(`p${s}`);
        readings.push({ kind: 'oximetry', deviceId: `ox-${s}`, measuredAt, spo2: breaching ? 84 : 97, pulseRate: 72, seq: second });
      }
      const due = t0 + (tick * 1000) / batchesPerSecond;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const response = await json('/api/v1/ingest/readings', { gatewayId: 'gw-bench', readings });
      if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      posted += readings.length;
      for (const trigger of triggers) triggerAcked.set(trigger, performance.now());
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const [sessionId, acked] of triggerAcked) {
      const raised = raisedAt.get(sessionId);
      if (raised !== undefined) latencies.push(Math.max(0, raised - acked));
    }
    await subscription.unsubscribe();
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    const rate = posted / ((Date.now() - t0) / 1000);
    report('ingest rate during the alarm-latency run', rate, 'readings/s', { sessions: SESSIONS });
    report('202 -> AlertRaised in store, p50', pct(50) * 1000, 'µs', { alarms: latencies.length, expected: triggerAcked.size });
    report('202 -> AlertRaised in store, p99', pct(99) * 1000, 'µs', { max_ms: latencies[latencies.length - 1] ?? NaN });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  engineThroughput();
  await endToEndLatency();
}

void main();

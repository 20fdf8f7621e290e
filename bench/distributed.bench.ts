// `npm run bench` (or `npm run bench:distributed` alone): readings/s end to end through the
// distributed pipeline (docs/distributed.md: gateway → ingest → PostgreSQL (202) → relay → Kafka →
// alerting, and PostgreSQL → dashboard → a socket.io client), a bare kafkajs produce-and-consume loop
// on the same broker with the same message size, their ratio, and 202 → dashboard client latency at
// a paced rate (issue 11). Aims are printed beside the figures; missing one does not fail the
// bench, losing a reading does (exit code 1).
//
//   BENCH_DIST_SECONDS=30 BENCH_DIST_READINGS=400000 BENCH_DIST_CONCURRENCY=16 node dist/bench/distributed.bench.js
//   BENCH_DIST_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"  profiles every service under load
import { VIGIL_TOPICS } from '@vigil/bus';
import { kafkaPartitionOf } from '@vigil/bus-kafka';
import type { LogPosition } from '@vigil/event-store';
import { openEventStore, type OpenedEventStore } from '@vigil/event-store-adapters';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { planTestBroker, startTestBroker, type TestBroker } from '../libs/bus-kafka/src/testing/test-kafka-broker';
import { report } from './bench-report';
import { deleteKafkaNamespace, firstRelayMessageOf, messageBytes, runBareKafkaLoop, type BareLoopResult } from './distributed/bare-kafka-loop';
import { DashboardWatcher } from './distributed/dashboard-watcher';
import { healthOf, startPipeline, type Pipeline } from './distributed/distributed-pipeline';
import { emptyLoadResult, postAsFastAsAllowed, postAtRate, readingSource, untilEveryDeviceIsRouted, type IngestTarget, type LoadResult, type Reading } from './distributed/gateway-load';
import { activityBetween, backendsOf, schemaActivity } from './distributed/postgres-activity';
import { startCpuWatch, type CpuShare } from './distributed/process-cpu';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PG_URL = process.env.VIGIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SESSIONS = env('BENCH_DIST_SESSIONS', 100);
const GATEWAYS = env('BENCH_DIST_GATEWAYS', 4);
const BATCH = env('BENCH_DIST_BATCH', 100);
// A gateway's devices: each batch holds readings of this many oximeters (a bedside hub's few patients).
const DEVICES_PER_BATCH = env('BENCH_DIST_DEVICES_PER_BATCH', 10);
const CONCURRENCY = env('BENCH_DIST_CONCURRENCY', 16);
const MAX_SECONDS = env('BENCH_DIST_SECONDS', 30);
const MAX_READINGS = env('BENCH_DIST_READINGS', 400_000);
const DRAIN_SECONDS = env('BENCH_DIST_DRAIN_SECONDS', 60);
const PACED_RATE = env('BENCH_DIST_LATENCY_RATE', 1000);
const PACED_SECONDS = env('BENCH_DIST_LATENCY_SECONDS', 20);
const BARE_MESSAGES = env('BENCH_DIST_BARE_MESSAGES', 100_000);
// The relay publishes what one page of the store's log holds (StoreLogConsumer's batches, up to 1000).
const BARE_SEND_SIZE = env('BENCH_DIST_BARE_SEND_SIZE', 1000);
const NODE_ARGS = (process.env.BENCH_DIST_NODE_ARGS ?? '').split(' ').filter(Boolean);

const AIM_READINGS_PER_SECOND = 10_000;
const AIM_SHARE_OF_BARE = 1 / 3;
const AIM_P99_MS = 100;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const fmt = (ms: number) => ms.toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The sequence half of a PostgreSQL log position (docs/event-store.md): about the number of events before it. */
const sequenceOf = (position: string | undefined) => Number(/:(\d+)$/.exec(position ?? '')?.[1] ?? 0);

type StageSample = { at: number; accepted: number; stored: number; relayed: number; alerted: number; shown: number };

type PartitionHealth = { partition: number; state: string; position: LogPosition };
const partitionsOf = (health: { alerting?: { partitions?: PartitionHealth[] } }) => new Map((health.alerting?.partitions ?? []).map((p) => [p.partition, p]));
/** The relay's progress, from whichever service holds the relay lease (sessions or ingest). */
const relayedOf = (...healths: { relay?: { standby?: boolean; publishedUpTo?: string } }[]) => Math.max(...healths.map((h) => (h.relay && !h.relay.standby ? sequenceOf(h.relay.publishedUpTo) : 0)));

async function stages(pipeline: Pipeline, watcher: DashboardWatcher, accepted: () => number, origin: number): Promise<StageSample> {
  const [sessions, ingest, alerting] = await Promise.all([healthOf(pipeline.services.sessions), healthOf(pipeline.services.ingest), healthOf(pipeline.services.alerting)]);
  // The alert engine keeps a position per partition (docs/distributed.md "Alerting"): the least
  // advanced partition that has sessions says how far every session's readings are applied.
  const positions = [...partitionsOf(alerting).values()].filter((p) => p.state === 'running').map((p) => sequenceOf(p.position));
  return {
    at: (performance.now() - origin) / 1000,
    accepted: accepted(),
    stored: sequenceOf(sessions.store?.headPosition),
    relayed: relayedOf(sessions, ingest),
    alerted: positions.length > 0 ? Math.min(...positions) : 0,
    shown: watcher.seenAt.size,
  };
}

/**
 * Polls the alert engine until every session's last stored reading is applied by the shard of its
 * partition (docs/distributed.md "Alerting": a shard's position moves only with its own partition's
 * events); answers when (performance.now()), or undefined on timeout.
 */
async function alertingReaches(pipeline: Pipeline, store: OpenedEventStore, sessionIds: readonly string[], timeoutMs: number): Promise<number | undefined> {
  const needed = new Map<number, LogPosition>();
  for (const sessionId of sessionIds) {
    const [last] = await store.readStream(`vitals-${sessionId}`, { direction: 'backwards', maxCount: 1 });
    if (!last) continue;
    const partition = kafkaPartitionOf(sessionId, VIGIL_TOPICS.events.partitions);
    const known = needed.get(partition);
    if (!known || store.comparePositions(last.position, known) > 0) needed.set(partition, last.position);
  }
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const partitions = partitionsOf(await healthOf(pipeline.services.alerting));
    const behind = [...needed].filter(([partition, position]) => {
      const shard = partitions.get(partition);
      return !shard || shard.state !== 'running' || store.comparePositions(shard.position, position) < 0;
    });
    if (behind.length === 0) return performance.now();
    await sleep(100);
  }
  return undefined;
}

async function storedReadings(schema: string): Promise<number> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${schema}".events WHERE type = 'OximetryObserved'`);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

type Throughput = { load: LoadResult; endAt: number | undefined; dashboardAt: number | undefined; alertingAt: number | undefined; timeline: StageSample[]; cpu: CpuShare[]; postgres: [string, number][] };

async function measureThroughput(pipeline: Pipeline, store: OpenedEventStore, watcher: DashboardWatcher, target: IngestTarget, next: (count: number) => Reading[], sessionIds: readonly string[]): Promise<Throughput> {
  const timeline: StageSample[] = [];
  const origin = performance.now();
  const progress = emptyLoadResult();
  const postgresBefore = await schemaActivity(PG_URL, pipeline.schema);
  let backends = await backendsOf(PG_URL, pipeline.schema);
  const cpu = startCpuWatch(
    () => [
      ...Object.entries(pipeline.services).map(([name, service]) => ({ name: `${name} service`, pid: service.pid })),
      ...backends.map((pid) => ({ name: "postgres, this run's backends", pid })),
    ],
    [
      { name: 'postgres, other processes (WAL writer, other work)', command: 'postgres' },
      { name: 'java (the Kafka broker, every JVM on the machine)', command: 'java' },
    ],
  );
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      timeline.push(await stages(pipeline, watcher, () => progress.accepted.size, origin));
      await sleep(1000);
    }
  })();
  const load = await postAsFastAsAllowed(target, next, { concurrency: CONCURRENCY, batch: BATCH, maxSeconds: MAX_SECONDS, maxReadings: MAX_READINGS }, progress);
  // Every 202 was durable in the store before it was sent, so each session's stream now ends with its last accepted reading.
  const [allShown, alertingAt] = await Promise.all([watcher.waitForAll(load.accepted, DRAIN_SECONDS * 1000), alertingReaches(pipeline, store, sessionIds, DRAIN_SECONDS * 1000)]);
  // Backends the pools opened meanwhile count from zero: all they used was inside the run.
  backends = await backendsOf(PG_URL, pipeline.schema);
  const shares = cpu.stop();
  sampling = false;
  await sampler;
  // Backends report their counts to the statistics views about once a second.
  await sleep(1500);
  const postgres = activityBetween(postgresBefore, await schemaActivity(PG_URL, pipeline.schema));
  let dashboardAt: number | undefined;
  if (allShown) {
    dashboardAt = 0;
    for (const key of load.accepted.keys()) dashboardAt = Math.max(dashboardAt, watcher.seenAt.get(key)!);
  }
  const endAt = dashboardAt !== undefined && alertingAt !== undefined ? Math.max(dashboardAt, alertingAt) : undefined;
  timeline.push(await stages(pipeline, watcher, () => load.accepted.size, origin));
  return { load, endAt, dashboardAt, alertingAt, timeline, cpu: shares, postgres };
}

type Latencies = { sorted: number[]; missing: number; early: number; postToIngest: number[]; ingestTo202: number[]; ingestToDashboardSent: number[]; dashboardSentToClient: number[] };

function latencies(load: LoadResult, watcher: DashboardWatcher): Latencies {
  const sorted: number[] = [];
  const postToIngest: number[] = [];
  const ingestTo202: number[] = [];
  const ingestToDashboardSent: number[] = [];
  const dashboardSentToClient: number[] = [];
  let missing = 0;
  let early = 0;
  const wallOf = (at: number) => performance.timeOrigin + at;
  for (const [key, { sentAt, acceptedAt }] of load.accepted) {
    const seen = watcher.seenAt.get(key);
    const wall = watcher.wallTimes.get(key);
    if (seen === undefined || wall === undefined) missing++;
    else {
      postToIngest.push(wall.received - wallOf(sentAt));
      ingestTo202.push(wallOf(acceptedAt) - wall.received);
      ingestToDashboardSent.push(wall.sent - wall.received);
      dashboardSentToClient.push(wall.arrived - wall.sent);
      // The change can overtake the 202 (ingest answers after its append resolves; the dashboard
      // polls the store on its own): it then counts as 0 ms.
      if (seen < acceptedAt) early++;
      sorted.push(Math.max(0, seen - acceptedAt));
    }
  }
  const ascending = (values: number[]) => values.sort((a, b) => a - b);
  return {
    sorted: ascending(sorted),
    missing,
    early,
    postToIngest: ascending(postToIngest),
    ingestTo202: ascending(ingestTo202),
    ingestToDashboardSent: ascending(ingestToDashboardSent),
    dashboardSentToClient: ascending(dashboardSentToClient),
  };
}

const verdict = (met: boolean, value: string, aim: string) => `${met ? 'met' : 'NOT met'} (${value}; aim ${aim})`;

async function main(): Promise<void> {
  const plan = planTestBroker();
  if (plan.kind === 'skip') {
    process.stdout.write(`distributed bench skipped: ${plan.reason}\n`);
    return;
  }
  process.stdout.write(
    `distributed bench: sessions, ingest, alerting and dashboard as separate processes (one each) over Kafka (broker: ${plan.kind}) on PostgreSQL; ${SESSIONS} sessions with bound oximeters, ${GATEWAYS} gateways, 127.0.0.1; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at start\n`,
  );
  let broker: TestBroker | undefined;
  let pipeline: Pipeline | undefined;
  let watcher: DashboardWatcher | undefined;
  let store: OpenedEventStore | undefined;
  const losses: string[] = [];
  try {
    const startedAt = Date.now();
    broker = await startTestBroker(plan);
    pipeline = await startPipeline({ pgUrl: PG_URL, brokers: broker.brokers, gateways: GATEWAYS, nodeArgs: NODE_ARGS });
    const { services, staffTokens } = pipeline;
    const sessionIds = Array.from({ length: SESSIONS }, (_, i) => `bench-dist-${i}`);
    const devices = sessionIds.map((id) => `ox-${id}`);
    for (const sessionId of sessionIds) {
      const staff = { 'content-type': 'application/json', authorization: `Bearer ${staffTokens.sessions}` };
      const started = await fetch(`${services.sessions.url}/api/v1/sessions`, { method: 'POST', headers: staff, body: JSON.stringify({ sessionId, room: `Room ${sessionId}`, patientPseudonym: `P-${sessionId}`, clinician: 'Dr Bench' }) });
      const bound = await fetch(`${services.sessions.url}/api/v1/sessions/${sessionId}/devices`, { method: 'POST', headers: staff, body: JSON.stringify({ deviceId: `ox-${sessionId}`, deviceKind: 'oximeter' }) });
      if (started.status !== 201 || bound.status !== 201) throw new Error(`session set-up failed: ${started.status} ${await started.text()} / ${bound.status} ${await bound.text()}`);
    }
    watcher = new DashboardWatcher(services.dashboard.url, staffTokens.dashboard);
    await watcher.connect();
    const target: IngestTarget = { port: Number(new URL(services.ingest.url).port), gateways: pipeline.gateways };
    const source = readingSource(devices);
    const next = (count: number) => source(count, DEVICES_PER_BATCH);
    let acceptedInAll = await untilEveryDeviceIsRouted(target, (count) => source(count, devices.length), devices.length, 60_000);
    process.stdout.write(`set-up: broker, 4 services, ${SESSIONS} sessions in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);

    // The message size: a real reading's event as the relay put it on the bus.
    const eventsTopic = `${pipeline.namespace}vigil.events`;
    const real = await firstRelayMessageOf({ brokers: broker.brokers, topic: eventsTopic, groupId: `${pipeline.namespace}bench-probe`, type: 'OximetryObserved', timeoutMs: 60_000 });
    const bytes = messageBytes(real);

    // Run before the pipeline's runs and again after them: on a shared machine the load of other
    // work moves between minutes, and the ratio takes the mean of the two.
    const bareLoop = async (round: number): Promise<BareLoopResult> => {
      const bare = await runBareKafkaLoop({
        brokers: broker!.brokers,
        topic: `${pipeline!.namespace}bench.bare-${round}`,
        groupId: `${pipeline!.namespace}bench-bare-${round}`,
        template: real,
        keys: sessionIds,
        messages: BARE_MESSAGES,
        sendSize: BARE_SEND_SIZE,
        timeoutMs: 60_000,
      });
      if (bare.messages < BARE_MESSAGES) losses.push(`bare loop ${round}: ${bare.messages} of ${BARE_MESSAGES} messages consumed within 60 s`);
      return bare;
    };
    const bareBefore = await bareLoop(1);

    // Latency at a paced rate, before the throughput run leaves a backlog anywhere.
    const paced = await postAtRate(target, next, { rate: PACED_RATE, seconds: PACED_SECONDS, posters: 10 });
    acceptedInAll += paced.accepted.size;
    await watcher.waitForAll(paced.accepted, 15_000);
    const latency = latencies(paced, watcher);
    if (latency.missing > 0) losses.push(`paced run: ${latency.missing} of ${paced.accepted.size} accepted readings never reached the dashboard client`);

    store = await openEventStore({ kind: 'postgres', connectionString: PG_URL, schema: pipeline.schema });
    const throughput = await measureThroughput(pipeline, store, watcher, target, next, sessionIds);
    const { load } = throughput;
    acceptedInAll += load.accepted.size;
    const bareAfter = await bareLoop(2);
    const bareRates = [bareBefore, bareAfter].map((bare) => bare.messages / bare.seconds);
    const bareRate = (bareRates[0]! + bareRates[1]!) / 2;
    const stored = await storedReadings(pipeline.schema);
    if (stored < acceptedInAll) losses.push(`store: ${stored} readings stored, ${acceptedInAll} accepted`);
    if (stored > acceptedInAll) losses.push(`store: ${stored} readings stored, more than the ${acceptedInAll} accepted (stored twice?)`);
    if (throughput.dashboardAt === undefined) losses.push(`dashboard client: not every accepted reading seen within ${DRAIN_SECONDS} s of the last post (${[...load.accepted.keys()].filter((key) => !watcher!.seenAt.has(key)).length} still missing now)`);
    if (throughput.alertingAt === undefined) losses.push(`alerting: the engine had not applied the log up to the last accepted reading within ${DRAIN_SECONDS} s`);

    const postingSeconds = (load.lastAnswerAt - load.firstPostAt) / 1000;
    const endToEndSeconds = throughput.endAt === undefined ? Number.NaN : (throughput.endAt - load.firstPostAt) / 1000;
    const endToEnd = load.accepted.size / endToEndSeconds;
    const ratio = endToEnd / bareRate;

    process.stdout.write('\n');
    for (const [when, bare] of [['before', bareBefore], ['after', bareAfter]] as const) {
      report(`bare kafkajs produce + consume, ${when} (${VIGIL_TOPICS.events.partitions} partitions, ${bytes} B)`, bare.messages / bare.seconds, 'messages/s', {
        messages: bare.messages,
        produceOnly: bare.messages / bare.produceSeconds,
        consumerBatches: bare.batches,
        sendSize: BARE_SEND_SIZE,
      });
    }
    const requestMs = [...load.requestMs].sort((a, b) => a - b);
    report('ingest 202s while posting', load.accepted.size / postingSeconds, 'readings/s', {
      readings: load.accepted.size,
      seconds: postingSeconds,
      failedPosts: load.failures.length,
      concurrency: CONCURRENCY,
      batch: `${BATCH} readings of ${DEVICES_PER_BATCH} devices`,
      postP50Ms: percentile(requestMs, 50),
      postP99Ms: percentile(requestMs, 99),
    });
    report('end to end: first post → last reading applied and shown', endToEnd, 'readings/s', {
      seconds: endToEndSeconds,
      dashboardLastS: throughput.dashboardAt === undefined ? 'never' : (throughput.dashboardAt - load.firstPostAt) / 1000,
      alertingLastS: throughput.alertingAt === undefined ? 'never' : (throughput.alertingAt - load.firstPostAt) / 1000,
      stored: `${stored}/${acceptedInAll}`,
    });
    report('ratio end to end / bare kafkajs loop (mean of the two)', ratio * 100, '%', { ratio: ratio.toFixed(3), bareMean: bareRate });
    const { sorted } = latency;
    report(`202 → dashboard client at ${PACED_RATE} readings/s, p50`, percentile(sorted, 50), 'ms', { arrivedBefore202: `${((100 * latency.early) / Math.max(1, sorted.length)).toFixed(1)}%` });
    report(`202 → dashboard client at ${PACED_RATE} readings/s, p95`, percentile(sorted, 95), 'ms');
    report(`202 → dashboard client at ${PACED_RATE} readings/s, p99`, percentile(sorted, 99), 'ms', { readings: sorted.length, seconds: PACED_SECONDS, failedPosts: paced.failures.length });
    const pacedPostMs = [...paced.requestMs].sort((a, b) => a - b);
    const p50p99 = (values: number[]) => `${fmt(percentile(values, 50))} / ${fmt(percentile(values, 99))}`;
    report(`202 → dashboard client at ${PACED_RATE} readings/s, max`, sorted.at(-1) ?? Number.NaN, 'ms');
    process.stdout.write(
      `  along the way (p50 / p99 ms, one wall clock): post → 202 ${p50p99(pacedPostMs)}, of which post → ingest received ${p50p99(latency.postToIngest)} and ingest received → 202 ${p50p99(latency.ingestTo202)}; ingest received → dashboard sent ${p50p99(latency.ingestToDashboardSent)}; dashboard sent → client ${p50p99(latency.dashboardSentToClient)}\n`,
    );

    process.stdout.write(`aim ≥ ${AIM_READINGS_PER_SECOND.toLocaleString('en-US')} readings/s end to end: ${verdict(endToEnd >= AIM_READINGS_PER_SECOND, `${Math.round(endToEnd).toLocaleString('en-US')}, ${((100 * endToEnd) / AIM_READINGS_PER_SECOND).toFixed(0)}% of the aim`, AIM_READINGS_PER_SECOND.toLocaleString('en-US'))}\n`);
    process.stdout.write(`aim ≥ 1/3 of the bare loop: ${verdict(ratio >= AIM_SHARE_OF_BARE, `${(100 * ratio).toFixed(1)}%`, '33.3%')}\n`);
    process.stdout.write(`aim p99 202 → dashboard ≤ ${AIM_P99_MS} ms at ${PACED_RATE} readings/s: ${verdict(percentile(sorted, 99) <= AIM_P99_MS, `${percentile(sorted, 99).toFixed(1)} ms`, `${AIM_P99_MS} ms`)}\n`);

    process.stdout.write('\nwhere the throughput run spent CPU (average cores, of 2):\n');
    for (const share of throughput.cpu) process.stdout.write(`  ${share.name.padEnd(56)} ${share.cores.toFixed(2)}\n`);
    // Services, bench, PostgreSQL and the broker's JVM (those two counted machine-wide, so an upper bound).
    const pipelineSeconds = throughput.cpu.filter((share) => !share.name.startsWith('others') && !share.name.startsWith('machine')).reduce((sum, share) => sum + share.seconds, 0);
    const msPerReading = (pipelineSeconds * 1000) / load.accepted.size;
    process.stdout.write(
      `  CPU per reading end to end: ${msPerReading.toFixed(3)} ms (all but "others"); at that cost ${AIM_READINGS_PER_SECOND.toLocaleString('en-US')} readings/s would take ${((msPerReading * AIM_READINGS_PER_SECOND) / 1000).toFixed(1)} cores\n`,
    );
    process.stdout.write(`\nwhat the throughput run asked of PostgreSQL (this schema; per accepted reading):\n`);
    for (const [name, count] of throughput.postgres) process.stdout.write(`  ${name.padEnd(56)} ${String(count).padStart(9)}  ${(count / load.accepted.size).toFixed(3)}\n`);
    process.stdout.write('\nstages during the throughput run (log sequence numbers; readings counted):\n');
    process.stdout.write(`  ${'s'.padStart(6)} ${'202s'.padStart(9)} ${'stored'.padStart(9)} ${'relayed'.padStart(9)} ${'alerting'.padStart(9)} ${'shown'.padStart(9)}\n`);
    for (const s of throughput.timeline.filter((_, i, all) => i % 3 === 0 || i === all.length - 1)) {
      process.stdout.write(`  ${s.at.toFixed(1).padStart(6)} ${String(s.accepted).padStart(9)} ${String(s.stored).padStart(9)} ${String(s.relayed).padStart(9)} ${String(s.alerted).padStart(9)} ${String(s.shown).padStart(9)}\n`);
    }
    if (load.failures.length > 0) process.stdout.write(`failed posts: ${load.failures.length}, first: ${load.failures[0]}\n`);
  } finally {
    watcher?.disconnect();
    await store?.close();
    await pipeline?.stop().catch((error: Error) => process.stderr.write(`cleanup: ${error.message}\n`));
    if (pipeline && broker) await deleteKafkaNamespace(broker.brokers, pipeline.namespace).catch((error: Error) => process.stderr.write(`cleanup: ${error.message}\n`));
    await broker?.stop();
  }
  if (losses.length > 0) {
    process.stdout.write(`\nLOST READINGS:\n  ${losses.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`distributed bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

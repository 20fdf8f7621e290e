import { Agent } from 'node:http';
import type { TestGateway } from '../../apps/vigil/src/testing/built-service-process';
import { post } from '../bench-http';

// Gateways posting oximetry batches to ingest over HTTP (docs/distributed.md "Ingest's 202"): as
// fast as a bounded number of requests in flight allows, or paced at a rate. A reading is known by
// `deviceId|measuredAt`, the key the dashboard client reads back from its changes.

const INGEST = '/api/v1/ingest/readings';

export type Reading = { kind: 'oximetry'; deviceId: string; measuredAt: string; spo2: number; pulseRate: number; perfusionIndex: number; seq: number };
export const readingKey = (deviceId: string, measuredAt: string) => `${deviceId}|${measuredAt}`;

/**
 * Readings as gateways send them: each call (one batch) takes the next `devicesPerBatch` devices,
 * a gateway's own, and spreads the batch over them. Each device's measuredAt strictly increases and
 * stays at or before now (a gateway's clock may not run ahead).
 */
export function readingSource(devices: readonly string[]): (count: number, devicesPerBatch: number) => Reading[] {
  const lastAt = new Array<number>(devices.length).fill(0);
  let batch = 0;
  let seq = 0;
  return (count, devicesPerBatch) => {
    const first = (batch++ % Math.max(1, Math.floor(devices.length / devicesPerBatch))) * devicesPerBatch;
    return Array.from({ length: count }, (_, i) => {
      const d = first + (i % devicesPerBatch);
      const at = Math.max(lastAt[d]! + 1, Date.now() - 2_000);
      lastAt[d] = at;
      seq++;
      // Steady values inside every rule's limits: the readings path is measured, not alarm writing.
      return { kind: 'oximetry', deviceId: devices[d]!, measuredAt: new Date(at).toISOString(), spo2: 95 + (seq % 4), pulseRate: 70 + (seq % 9), perfusionIndex: 2.5, seq };
    });
  };
}

export type IngestTarget = { port: number; gateways: readonly TestGateway[] };

type PostOutcome = { accepted: boolean; unassigned: number; failure?: string };

async function postBatch(agent: Agent, target: IngestTarget, lane: number, readings: Reading[]): Promise<PostOutcome> {
  const gateway = target.gateways[lane % target.gateways.length]!;
  try {
    const answer = await post(agent, target.port, INGEST, JSON.stringify({ gatewayId: gateway.gatewayId, readings }), { authorization: `Bearer ${gateway.token}` });
    const body = answer.status === 202 ? (JSON.parse(answer.text) as { accepted: number; unassigned?: { count: number } }) : undefined;
    if (body?.accepted === readings.length) return { accepted: true, unassigned: body.unassigned?.count ?? 0 };
    return { accepted: false, unassigned: 0, failure: `${answer.status} ${answer.text.slice(0, 200)}` };
  } catch (error) {
    return { accepted: false, unassigned: 0, failure: (error as Error).message };
  }
}

export type LoadResult = {
  /** Every reading of a batch that got 202 with all its readings accepted: when its post was sent and its 202 read (performance.now()). */
  accepted: Map<string, { sentAt: number; acceptedAt: number }>;
  firstPostAt: number;
  lastAnswerAt: number;
  failures: string[];
  unassigned: number;
  /** Each post's time from send to answer, ms. */
  requestMs: number[];
};

export const emptyLoadResult = (): LoadResult => ({ accepted: new Map(), firstPostAt: performance.now(), lastAnswerAt: 0, failures: [], unassigned: 0, requestMs: [] });

/** `concurrency` lanes, each posting one batch after another until `maxSeconds` or `maxReadings`; `result` fills as answers come. */
export async function postAsFastAsAllowed(
  target: IngestTarget,
  next: (count: number) => Reading[],
  options: { concurrency: number; batch: number; maxSeconds: number; maxReadings: number },
  result: LoadResult = emptyLoadResult(),
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  result.firstPostAt = performance.now();
  const end = result.firstPostAt + options.maxSeconds * 1000;
  let posted = 0;
  const lane = async (index: number) => {
    while (performance.now() < end && posted < options.maxReadings) {
      const readings = next(Math.min(options.batch, options.maxReadings - posted));
      posted += readings.length;
      const sent = performance.now();
      record(result, readings, await postBatch(agent, target, index, readings), sent);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => lane(i)));
  agent.destroy();
  return result;
}

/** `rate` readings a second for `seconds`: every 100 ms, `posters` batches of that tick's share. */
export async function postAtRate(target: IngestTarget, next: (count: number) => Reading[], options: { rate: number; seconds: number; posters: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.posters * 4 });
  const tickMs = 100;
  const perTick = Math.round((options.rate * tickMs) / 1000);
  const result = emptyLoadResult();
  const pending: Promise<void>[] = [];
  for (let tick = 0; tick < (options.seconds * 1000) / tickMs; tick++) {
    const wait = result.firstPostAt + tick * tickMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let p = 0; p < options.posters; p++) {
      const readings = next(Math.floor(perTick / options.posters) + (p < perTick % options.posters ? 1 : 0));
      if (readings.length === 0) continue;
      const sent = performance.now();
      pending.push(
        postBatch(agent, target, p, readings).then((outcome) => record(result, readings, outcome, sent)),
      );
    }
  }
  await Promise.all(pending);
  agent.destroy();
  return result;
}

function record(result: LoadResult, readings: Reading[], outcome: PostOutcome, sent: number): void {
  result.lastAnswerAt = performance.now();
  result.requestMs.push(result.lastAnswerAt - sent);
  if (!outcome.accepted) {
    result.failures.push(outcome.failure ?? 'not accepted');
    return;
  }
  result.unassigned += outcome.unassigned;
  const times = { sentAt: sent, acceptedAt: result.lastAnswerAt };
  for (const reading of readings) result.accepted.set(readingKey(reading.deviceId, reading.measuredAt), times);
}

/**
 * Posts one reading per device until ingest routes every device to its session (it learns bindings
 * from the store's log); answers how many readings were accepted meanwhile.
 */
export async function untilEveryDeviceIsRouted(target: IngestTarget, next: (count: number) => Reading[], devices: number, timeoutMs: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const deadline = Date.now() + timeoutMs;
  let accepted = 0;
  try {
    for (;;) {
      const outcome = await postBatch(agent, target, 0, next(devices));
      if (outcome.accepted) accepted += devices;
      if (outcome.accepted && outcome.unassigned === 0) return accepted;
      if (Date.now() > deadline) throw new Error(`ingest still routes readings to no session after ${timeoutMs} ms (${outcome.failure ?? `${outcome.unassigned} unassigned`})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    agent.destroy();
  }
}

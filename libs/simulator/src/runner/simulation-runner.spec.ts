import { HttpTransportError } from '../http/http-client';
import { GatewayAuthorizationError } from '../http/ingest-api';
import { demoScenario } from '../patient/demo-scenario';
import { FakeClock, FakeVigilServer } from '../testing/fake-vigil-server';
import type { IngestReading } from '../wire/ingest-reading';
import type { SimulationConfig } from './simulation-config';
import { runSimulation, type SimulationPorts } from './simulation-runner';

const WALL_START = Date.parse('2026-03-14T09:00:00.000Z');

const config = (overrides: Partial<SimulationConfig> = {}): SimulationConfig => ({
  baseUrl: 'http://vigil.test',
  token: 'gateway-token',
  gatewayId: 'sim-gateway-1',
  seed: 5,
  sessions: 4,
  durationSeconds: 30,
  rate: 1,
  endSessions: false,
  retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 400 },
  ...overrides,
});

function setup() {
  const server = new FakeVigilServer();
  const clock = new FakeClock(WALL_START);
  const lines: string[] = [];
  const ports: SimulationPorts = {
    http: server.http,
    now: clock.now,
    sleep: clock.sleep,
    log: { info: (line) => lines.push(line), warn: (line) => lines.push(`WARN ${line}`) },
  };
  return { server, clock, lines, ports };
}

const seqOf = (reading: IngestReading): number => reading.seq;

describe('runSimulation', () => {
  it('opens a session per patient, binds an oximeter and a cuff, and records the dose', async () => {
    const { server, ports } = setup();
    await runSimulation(config({ scenarios: [{ doseOffsetSeconds: 600 }, { doseOffsetSeconds: -10 }] }), ports);
    expect([...server.sessions.values()].map((session) => session.body)).toEqual([1, 2, 3, 4].map((n) => ({
      room: `Room ${n}`,
      patientPseudonym: `Patient-5-${n}`,
      clinician: 'Simulator-5',
      at: expect.any(String),
    })));
    // A session dosed before the run began started with a 10-minute pre-dose baseline before its dose.
    expect((server.sessions.get('session-1')?.body as { at: string }).at).toBe('2026-03-14T08:40:00.000Z');
    expect((server.sessions.get('session-2')?.body as { at: string }).at).toBe('2026-03-14T09:00:00.000Z');
    const first = server.sessions.get('session-1');
    expect(first?.devices).toEqual([
      { deviceId: 'ox-5-1', deviceKind: 'oximeter' },
      { deviceId: 'bp-5-1', deviceKind: 'bloodPressureCuff' },
    ]);
    // Dosed 10 minutes before the start: recorded with its past time.
    expect(first?.doses).toEqual([expect.objectContaining({ administeredAt: '2026-03-14T08:50:00.000Z', doseMg: expect.any(Number) })]);
    // Dosed 10 s after the start: recorded when the simulation reaches it.
    expect(server.sessions.get('session-2')?.doses).toEqual([expect.objectContaining({ administeredAt: '2026-03-14T09:00:10.000Z' })]);
    const doseRequest = server.requests.findIndex((request) => request.url.endsWith('/session-2/doses'));
    const ingestBeforeDose = server.requests.slice(0, doseRequest).filter((request) => request.url.endsWith('/ingest/readings'));
    expect(ingestBeforeDose).toHaveLength(10);
    expect([...server.sessions.values()].every((session) => !session.ended)).toBe(true);
  });

  it('posts one batch a second with every patient’s readings, half decoded and half raw GATT', async () => {
    const { server, ports } = setup();
    const report = await runSimulation(config(), ports);
    expect(report).toEqual(expect.objectContaining({ stoppedBy: 'duration', simulatedSeconds: 30 }));
    expect(server.ingestCalls).toHaveLength(30);
    const first = server.ingestCalls[0];
    expect(first?.gatewayId).toBe('sim-gateway-1');
    // Second 0: four oximetry readings and the four start-of-monitoring cuff readings.
    expect(first?.readings.map((reading) => `${reading.deviceId}:${reading.kind}`).sort()).toEqual([
      'bp-5-1:bloodPressure',
      'bp-5-2:gatt',
      'bp-5-3:bloodPressure',
      'bp-5-4:gatt',
      'ox-5-1:oximetry',
      'ox-5-2:gatt',
      'ox-5-3:oximetry',
      'ox-5-4:gatt',
    ]);
    expect(server.ingestCalls[1]?.readings).toHaveLength(4);
    expect(report.stats).toEqual(expect.objectContaining({ sent: 124, accepted: 124, duplicates: 0, errors: 0 }));
  });

  it('keeps seq increasing per device, one per second of measurement time', async () => {
    const { server, ports } = setup();
    await runSimulation(config(), ports);
    const byDevice = new Map<string, number[]>();
    for (const reading of server.ingestCalls.flatMap((call) => call.readings)) {
      byDevice.set(reading.deviceId, [...(byDevice.get(reading.deviceId) ?? []), seqOf(reading)]);
    }
    const oximeter = byDevice.get('ox-5-1') ?? [];
    expect(oximeter).toHaveLength(30);
    expect(oximeter[0]).toBe(WALL_START / 1000);
    for (const seqs of byDevice.values()) {
      for (let index = 1; index < seqs.length; index++) expect(seqs[index]).toBeGreaterThan(seqs[index - 1] ?? Infinity);
    }
  });

  it('splits a second’s readings into requests of at most 1,000', async () => {
    const { server, ports } = setup();
    await runSimulation(config({ sessions: 1_200, durationSeconds: 2 }), ports);
    expect(server.ingestCalls.map((call) => call.readings.length)).toEqual([1000, 1000, 400, 1000, 200]);
  });

  it('retries a batch after a 503 with the same readings and seq, then carries on', async () => {
    const { server, ports } = setup();
    server.ingestScript.push(503, 503);
    const report = await runSimulation(config({ durationSeconds: 5 }), ports);
    expect(JSON.stringify(server.ingestCalls[0])).toBe(JSON.stringify(server.ingestCalls[2]));
    expect(server.ingestCalls[1]).toEqual(server.ingestCalls[0]);
    expect(report.stats).toEqual(expect.objectContaining({ retries: 2, errors: 0, sent: 4 * 5 + 4 }));
    // The run caught up with the time lost to backoff: every second was sent.
    expect(new Set(server.ingestCalls.flatMap((call) => call.readings.map((reading) => reading.seq))).size).toBe(5);
  });

  it('counts a lost answer’s retry as duplicates, not new readings', async () => {
    const { server, ports } = setup();
    // The server stores the batch but the answer is lost: replay it as a network error after storing.
    const original = server.http;
    let calls = 0;
    const lossy: SimulationPorts['http'] = async (request) => {
      const response = await original(request);
      if (request.url.endsWith('/ingest/readings') && ++calls === 1) throw new HttpTransportError(request.url, 'socket hang up');
      return response;
    };
    const report = await runSimulation(config({ durationSeconds: 3 }), { ...ports, http: lossy });
    expect(report.stats).toEqual(expect.objectContaining({ sent: 16, accepted: 8, duplicates: 8, retries: 1 }));
  });

  it('explains a device still bound from an earlier run with the same seed', async () => {
    const { server, ports } = setup();
    const original = server.http;
    const http: SimulationPorts['http'] = async (request) =>
      request.url.endsWith('/devices')
        ? { status: 409, body: { statusCode: 409, message: 'device ox-5-1 is held by active session s-old; unbind it there first' } }
        : original(request);
    await expect(runSimulation(config(), { ...ports, http })).rejects.toThrow(
      /held by active session s-old.*still bound to an open session from an earlier run with --seed 5/,
    );
    expect(server.ingestCalls).toHaveLength(0);
  });

  it('stops at once on 401 with a typed error, sending nothing more', async () => {
    const { server, ports } = setup();
    server.ingestScript.push(401);
    await expect(runSimulation(config(), ports)).rejects.toBeInstanceOf(GatewayAuthorizationError);
    expect(server.ingestCalls).toHaveLength(1);
  });

  it('stops gracefully on the abort signal and leaves sessions open unless asked to end them', async () => {
    const { server, clock, ports } = setup();
    const controller = new AbortController();
    const stopAfterFiveSeconds: SimulationPorts['sleep'] = async (ms) => {
      await clock.sleep(ms);
      if (clock.nowMs - WALL_START >= 5_000) controller.abort();
    };
    const report = await runSimulation(config({ durationSeconds: undefined }), { ...ports, sleep: stopAfterFiveSeconds, signal: controller.signal });
    expect(report.stoppedBy).toBe('signal');
    expect(report.simulatedSeconds).toBe(5);
    expect([...server.sessions.values()].some((session) => session.ended)).toBe(false);
  });

  it('ends the sessions when asked to', async () => {
    const { server, ports } = setup();
    const report = await runSimulation(config({ durationSeconds: 2, endSessions: true }), ports);
    expect(report.endedSessions).toBe(4);
    expect([...server.sessions.values()].every((session) => session.ended)).toBe(true);
  });

  it('runs faster than real time at --rate, with times that end at the wall clock', async () => {
    const { server, clock, ports } = setup();
    await runSimulation(config({ rate: 10, durationSeconds: 100 }), ports);
    expect(clock.nowMs - WALL_START).toBeLessThanOrEqual(10_000);
    const times = server.ingestCalls.flatMap((call) => call.readings).map((reading) => Date.parse(reading.kind === 'gatt' ? reading.receivedAt : reading.measuredAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(clock.nowMs);
    expect(new Set(times).size).toBe(100);
  });

  it('logs a summary every 10 s', async () => {
    const { lines, ports } = setup();
    await runSimulation(config({ durationSeconds: 25 }), ports);
    const summaries = lines.filter((line) => line.includes('accepted='));
    expect(summaries).toHaveLength(2);
    expect(summaries[0]).toMatch(/^\+10s simulated=11s sent=48 accepted=48 duplicates=0 rejected=0 errors=0/);
  });

  it('produces the same readings for the same seed on every run', async () => {
    const first = setup();
    const second = setup();
    await runSimulation(config({ scenarios: demoScenario(4) }), first.ports);
    await runSimulation(config({ scenarios: demoScenario(4) }), second.ports);
    expect(second.server.ingestCalls).toEqual(first.server.ingestCalls);
  });
});

import { replaySession } from '@vigil/alerting';
import type { RecordedEvent } from '@vigil/event-store';
import { openEventStore, type OpenedEventStore } from '@vigil/event-store-adapters';
import { alertIdAt, defaultRuleSet } from '@vigil/rules';
import { VIGIL_TOPICS } from '@vigil/bus';
import { kafkaPartitionOf } from '@vigil/bus-kafka';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithKafka } from '../../libs/bus-kafka/src/testing/test-kafka-broker';
import { DashboardSocketClient } from '../support/dashboard-socket-client';
import { sessionEvents, waitFor } from '../support/waiting';
import { gatewaysEnv, makeGateway, ROOT, VigilProcess } from '../support/vigil-process';

// Issue 11, item 6 (docs/distributed.md "The multi-process test"): ingest, sessions, alerting twice
// and the dashboard twice as separate processes over Kafka on a fresh PostgreSQL schema. The two
// alerting instances divide the sessions by partition. A desaturation raises an alarm that reaches
// a WebSocket client and the store; one alerting instance is SIGKILLed mid-stream (the other takes
// its partitions) and restarted (the partitions are dealt again: a handover between live
// instances), and later ingest is SIGKILLed and restarted. Then every reading that got a 202 is
// stored once, the stored alarms equal a replay of the stored inputs (none doubled, none missed),
// and the wall client saw every stored reading.
jest.setTimeout(300_000);

const PG_URL = process.env.VIGIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const gateway = makeGateway('gw-distributed');
const PARTITIONS = VIGIL_TOPICS.events.partitions;
const partitionOf = (key: string) => kafkaPartitionOf(key, PARTITIONS);
// Two sessions in even and two in odd partitions: a group of two members is dealt partitions round
// robin, so each alerting instance watches some (docs/distributed.md "Alerting").
const SESSIONS = (() => {
  const even: string[] = [];
  const odd: string[] = [];
  for (let i = 0; even.length < 2 || odd.length < 2; i++) {
    const id = `dist-${i}`;
    const side = partitionOf(id) % 2 === 0 ? even : odd;
    if (side.length < 2) side.push(id);
  }
  return [...even, ...odd];
})();
// Desaturations that raise, escalate and clear, offset per patient.
const PATTERN = [...Array<number>(14).fill(85), ...Array<number>(12).fill(97), ...Array<number>(25).fill(89), ...Array<number>(12).fill(97)];
const isAlarm = (e: RecordedEvent) => e.type === 'AlertRaised' || e.type === 'AlertEscalated' || e.type === 'AlertCleared';
const service = (name: string) => join(ROOT, 'dist', 'apps', name, 'src', 'main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DASHBOARD_ENV = { VIGIL_REDIS_URL: process.env.VIGIL_REDIS_URL ?? 'redis://127.0.0.1:6379' };

type PartitionHealth = { partition: number; state: string; sessions: number };
/** The partitions an alerting instance runs, from its health (none while it answers 503). */
const runningPartitions = async (instance: VigilProcess): Promise<number[]> => {
  const { status, body } = await instance.get('/api/v1/health');
  if (status !== 200) return [];
  return ((body.alerting?.partitions ?? []) as PartitionHealth[]).filter((p) => p.state === 'running').map((p) => p.partition);
};

describeWithKafka('distributed mode: separate processes over Kafka and PostgreSQL', (brokers) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-dist-'));
  const schema = `dist_${Date.now().toString(36)}_${process.pid}`;
  let env: Record<string, string>;
  const processes: VigilProcess[] = [];
  const names = new Map<VigilProcess, string>();
  const make = (name: string, extraEnv: Record<string, string> = {}) => {
    const child = new VigilProcess({ ...env, ...extraEnv }, dataDir, service(name));
    processes.push(child);
    names.set(child, `${name}#${processes.length}`);
    return child;
  };
  // On failure, what each service said: the only trace of a multi-process fault.
  afterEach(() => {
    if (!failed) return;
    for (const child of processes) process.stderr.write(`\n----- ${names.get(child)} -----\n${child.output.slice(-8_000)}\n`);
  });
  let failed = false;
  let store: OpenedEventStore;

  beforeAll(() => {
    env = {
      VIGIL_EVENT_STORE: 'postgres',
      VIGIL_PG_URL: PG_URL,
      VIGIL_PG_SCHEMA: schema,
      VIGIL_BUS: 'kafka',
      KAFKA_BROKERS: brokers().join(','),
      // Topics and groups of this run only, on a broker other suites share.
      VIGIL_BUS_NAMESPACE: `${schema}.`,
      // The broker's minimum: a killed leader's partition moves to the new leader within seconds.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      VIGIL_GATEWAYS: gatewaysEnv([gateway]),
    };
  });

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.stop()));
    await store?.close();
    const { PostgresEventStore } = await import('@vigil/event-store-postgres');
    await PostgresEventStore.dropSchema(PG_URL, schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every accepted reading once, alarms equal to a replay, and the wall complete, across SIGKILLs of alerting and ingest', async () => {
    failed = true;
    // Ingest first: it takes the relay lease, so its SIGKILL below hands the relay to sessions mid-stream.
    const ingest = make('ingest');
    await ingest.start(60_000);
    await waitFor('ingest to relay', async () => ((await ingest.get('/api/v1/health')).body.relay?.running === true ? true : undefined), 30_000);
    const sessions = make('sessions');
    await sessions.start(60_000);
    expect((await sessions.get('/api/v1/health')).body.relay).toMatchObject({ standby: true, running: false });
    const alertingA = make('alerting');
    await alertingA.start(60_000);
    const alertingB = make('alerting');
    await alertingB.start(60_000);
    // Two dashboard instances sharing one live broadcast through Redis (docs/distributed.md "Dashboard").
    const dashboard = make('dashboard', DASHBOARD_ENV);
    await dashboard.start(60_000);
    const dashboard2 = make('dashboard', DASHBOARD_ENV);
    await dashboard2.start(60_000);
    const dashboardRoles = async () => (await Promise.all([dashboard, dashboard2].map((d) => d.get('/api/v1/health')))).map(({ body }) => body.dashboard);
    await waitFor('one dashboard to broadcast', async () => ((await dashboardRoles()).some((d) => d?.role === 'broadcasting') ? true : undefined), 30_000);
    expect((await dashboardRoles()).map((d) => d.role).sort()).toEqual(['broadcasting', 'standby']);
    expect((await dashboardRoles()).map((d) => d.redis)).toEqual(['connected', 'connected']);
    store = await openEventStore({ kind: 'postgres', connectionString: PG_URL, schema });

    // Each instance runs its share of the partitions, together all of them once.
    await waitFor('the partitions dealt between the two alerting instances', async () => {
      const [a, b] = [await runningPartitions(alertingA), await runningPartitions(alertingB)];
      return a.length > 0 && b.length > 0 && [...a, ...b].sort((x, y) => x - y).join() === Array.from({ length: PARTITIONS }, (_, i) => i).join() ? true : undefined;
    }, 60_000);
    expect((await alertingB.get('/api/v1/health')).body).toMatchObject({ status: 'ok', mode: 'distributed' });
    for (const sessionId of SESSIONS) {
      expect((await sessions.post('/api/v1/sessions', { sessionId, room: `Room ${sessionId}`, patientPseudonym: `P-${sessionId}`, clinician: 'Dr K' })).status).toBe(201);
      expect((await sessions.post(`/api/v1/sessions/${sessionId}/devices`, { deviceId: `ox-${sessionId}`, deviceKind: 'oximeter' })).status).toBe(201);
    }

    // Each resumes after a gap as the page does: the standby's client may have been brought up to
    // date a batch away from the broadcaster's position.
    const wall = new DashboardSocketClient(dashboard.url, undefined, 'resume');
    await wall.connect();
    const wall2 = new DashboardSocketClient(dashboard2.url, undefined, 'resume');
    await wall2.connect();
    const alarmsOnWall = new Set<string>();
    const watching = setInterval(() => {
      for (const sessionId of SESSIONS) for (const alarm of wall.state.sessions.get(sessionId)?.alarms ?? []) alarmsOnWall.add(alarm.alertId);
    }, 20);

    // One reading a second per patient, stamped as taken; a post that meets a dead ingest is lost, as on a real gateway.
    const accepted: string[] = [];
    let loading = true;
    let tick = 0;
    const load = (async () => {
      while (loading) {
        const at = new Date().toISOString();
        const readings = SESSIONS.map((sessionId, i) => ({ kind: 'oximetry', deviceId: `ox-${sessionId}`, measuredAt: at, spo2: PATTERN[(tick + i * 9) % PATTERN.length]!, pulseRate: 80, seq: tick }));
        tick++;
        const answer = await ingest.post('/api/v1/ingest/readings', { gatewayId: gateway.gatewayId, readings }, { authorization: `Bearer ${gateway.token}` }).catch(() => undefined);
        if (answer?.status === 202) accepted.push(...readings.map((r) => `${r.deviceId}@${r.measuredAt}`));
        await sleep(1000);
      }
    })();

    try {
      // A desaturation's alarm reaches the store and the wall.
      const firstAlarm = await waitFor('an alarm in the store', async () => (await sessionEvents(sessions, SESSIONS[0]!)).find(isAlarm), 60_000);
      await waitFor('the alarm on the wall', async () => (alarmsOnWall.has(String(firstAlarm.data.alertId)) ? true : undefined), 30_000);
      // Acknowledged on the instance that does not watch the session: it decides by the stored
      // alarms (docs/distributed.md "Alerting"); an unknown alarm is refused there too.
      const owner = (await runningPartitions(alertingA)).includes(partitionOf(SESSIONS[0]!)) ? alertingA : alertingB;
      const other = owner === alertingA ? alertingB : alertingA;
      const acknowledge = (instance: VigilProcess, alertId: string) => instance.post(`/api/v1/sessions/${SESSIONS[0]}/alerts/${alertId}/acknowledge`, { note: 'seen' });
      expect((await acknowledge(other, alertIdAt(SESSIONS[0]!, 'spo2-critical', Date.parse('2020-01-01T00:00:00Z')))).status).toBe(404);
      expect((await acknowledge(other, String(firstAlarm.data.alertId))).status).toBe(201);

      // One alerting instance dies mid-stream; the other is dealt its partitions once the group
      // notices (the session timeout), and restores their sessions from the record.
      await alertingA.kill('SIGKILL');
      await waitFor('the survivor to run every partition', async () => ((await runningPartitions(alertingB)).length === PARTITIONS ? true : undefined), 90_000);
      // Restarted, it joins again: the survivor hands half the partitions over while both are alive.
      await alertingA.start(60_000);
      await waitFor('the partitions dealt between both again', async () => {
        const [a, b] = [await runningPartitions(alertingA), await runningPartitions(alertingB)];
        return a.length > 0 && b.length > 0 && a.length + b.length === PARTITIONS ? true : undefined;
      }, 90_000);
      await sleep(5_000);

      // Later ingest dies mid-stream and comes back.
      await ingest.kill('SIGKILL');
      await waitFor('sessions to take the relay over', async () => ((await sessions.get('/api/v1/health')).body.relay?.running === true ? true : undefined), 30_000);
      await ingest.start(60_000);
      await sleep(8_000);
    } finally {
      loading = false;
      await load;
    }

    // Settled: both instances have applied what is stored and stored their alarms, so the record
    // of every session equals its replay (a doubled alarm never would).
    await waitFor(
      'every session\'s stored alarms to equal its replay',
      async () => {
        for (const instance of [alertingA, alertingB]) {
          const { status, body } = await instance.get('/api/v1/health');
          if (status !== 200 || body.alerting.pendingAlarmWrites !== 0) return undefined;
        }
        for (const sessionId of SESSIONS) {
          const record = await sessionEvents(sessions, sessionId);
          const replayed = replaySession(record, defaultRuleSet, (a, b) => store.comparePositions(a, b));
          if (record.filter(isAlarm).length !== replayed.outputs.length) return undefined;
        }
        return true;
      },
      90_000,
    );

    try {
      let alarms = 0;
      for (const sessionId of SESSIONS) {
        const record = await sessionEvents(sessions, sessionId);
        // Every 202 is stored, once.
        const stored = record.filter((e) => e.type === 'OximetryObserved').map((e) => `${String(e.data.deviceId)}@${String(e.data.measuredAt)}`);
        expect(new Set(stored).size).toBe(stored.length);
        const acceptedHere = accepted.filter((key) => key.startsWith(`ox-${sessionId}@`));
        expect(acceptedHere.filter((key) => !stored.includes(key))).toEqual([]);
        // No alarm doubled or missed: the stored lifecycle is a replay of the stored inputs.
        const storedAlarms = record.filter(isAlarm);
        expect(new Set(storedAlarms.map((e) => e.id)).size).toBe(storedAlarms.length);
        const replayed = replaySession(record, defaultRuleSet, (a, b) => store.comparePositions(a, b));
        expect(storedAlarms.map((e) => [e.type, e.data.alertId, e.occurredAt])).toEqual(replayed.outputs.map(({ output }) => [output.type, output.data.alertId, output.at]));
        alarms += storedAlarms.length;
        // Both walls saw every stored reading: the standby's only through the broadcaster's batches and its own catch-ups.
        const seconds = record.filter((e) => e.type === 'OximetryObserved').map((e) => Math.floor(Date.parse(String(e.data.measuredAt)) / 1000));
        for (const [name, client] of [['first', wall], ['second', wall2]] as const) {
          await waitFor(`the ${name} wall to show every reading of ${sessionId}`, async () => {
            const shown = new Set((client.state.sessions.get(sessionId)?.trend ?? []).map(([t]) => Math.floor(t / 1000)));
            return seconds.every((second) => shown.has(second)) ? true : undefined;
          });
        }
      }
      expect(alarms).toBeGreaterThan(0);
      // The broadcaster's own client gets its catch-up and its batches from one projection: never a gap.
      const [firstRole] = await dashboardRoles();
      expect((firstRole.role === 'broadcasting' ? wall : wall2).gaps).toBe(0);
      failed = false;
    } finally {
      clearInterval(watching);
      wall.disconnect();
      wall2.disconnect();
    }
  });
});

import { Logger } from '@nestjs/common';
import { AlertingService, DEFAULT_ALERTING_OPTIONS, replaySession, type PartitionClaim } from '@vigil/alerting';
import { InProcessBroker, InProcessMessageBus, type TopicSpec } from '@vigil/bus';
import { sessionStreamNames } from '@vigil/domain';
import { InMemoryEventStore, InMemoryProcessorCheckpoints, readStreamsMerged, StoreLogConsumer, type NewEvent, type RecordedEvent } from '@vigil/event-store';
import { defaultRuleSet } from '@vigil/rules';
import { EventRelay } from '../relay/event-relay';
import { BusPartitionedFeed } from './bus-partitioned-feed';
import { relayBacklog } from './relay-backlog';

// Issue 11 item 2 (docs/distributed.md "Alerting"): alerting instances divide the sessions by the
// event feed's partitions, and a new deal hands a session's engine from one live instance to
// another without a doubled or missed alarm. Here in one process (in-memory store, in-process bus)
// on a simulated clock, so that many alarms happen in a few seconds; the multi-process test
// (test/e2e/distributed.e2e-spec.ts) does the same over Kafka and PostgreSQL with SIGKILLs.

const T0 = Date.parse('2026-12-02T10:00:00.000Z');
const TOPIC: TopicSpec = { name: 'vigil.events', partitions: 4, retentionMs: 3_600_000 };
// Desaturations that raise, escalate and clear.
const PATTERN = [...Array<number>(14).fill(85), ...Array<number>(12).fill(97), ...Array<number>(25).fill(89), ...Array<number>(12).fill(97)];
const SESSIONS = Array.from({ length: 8 }, (_, i) => `part-${i}`);
const isAlarm = (event: RecordedEvent) => event.type === 'AlertRaised' || event.type === 'AlertEscalated' || event.type === 'AlertCleared';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The advisory lock's in-process stand-in: one holder per partition, the next waits its turn. */
function localClaims(): (partition: number) => PartitionClaim {
  const queues = new Map<number, Promise<void>>();
  return (partition) => {
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    let cancelled = false;
    const previous = queues.get(partition) ?? Promise.resolve();
    queues.set(partition, previous.then(() => released));
    return {
      held: previous.then(() => !cancelled),
      release: async () => {
        cancelled = true;
        letGo();
      },
    };
  };
}

describe('alerting instances dividing sessions by partition (docs/distributed.md "Alerting")', () => {
  let simulated = T0;
  const clock = { now: () => new Date(simulated) };
  const store = new InMemoryEventStore({ clock: () => clock.now() });
  const checkpoints = new InMemoryProcessorCheckpoints();
  const broker = new InProcessBroker();
  const claims = localClaims();
  const relay = new EventRelay(new StoreLogConsumer(store), checkpoints, new InProcessMessageBus(broker), TOPIC);
  const instances: AlertingService[] = [];
  let seq = 0;

  const instance = () => {
    const feed = new BusPartitionedFeed({ bus: new InProcessMessageBus(broker), topic: TOPIC, groupId: 'vigil-alerting', claim: claims, oldestUndelivered: relayBacklog(store, checkpoints) });
    const alerting = new AlertingService(store, clock, defaultRuleSet, { ...DEFAULT_ALERTING_OPTIONS, tickIntervalMs: 10, checkpointIntervalMs: 50 }, checkpoints, new StoreLogConsumer(store), feed);
    alerting.onApplicationBootstrap();
    instances.push(alerting);
    return alerting;
  };
  const append = (stream: string, type: string, data: Record<string, unknown>): Promise<unknown> =>
    store.appendToStream(stream, [{ id: `ev-${++seq}`, type, data, occurredAt: clock.now().toISOString() } as NewEvent], { expectedRevision: 'any' });
  const partitionsOf = (alerting: AlertingService) => (alerting.status.partitions ?? []).filter((p) => p.state === 'running').map((p) => p.partition);
  const until = async (what: string, ok: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 1000; i++) {
      if (await ok()) return;
      await sleep(10);
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  /** A store, relay and one alerting instance of their own, on the shared simulated clock. */
  const isolated = (topicName: string) => {
    const backing = new InMemoryEventStore({ clock: () => clock.now() });
    const checkpointsHere = new InMemoryProcessorCheckpoints();
    const brokerHere = new InProcessBroker();
    const topic: TopicSpec = { ...TOPIC, name: topicName };
    const relayOf = () => new EventRelay(new StoreLogConsumer(backing), checkpointsHere, new InProcessMessageBus(brokerHere), topic);
    const feed = new BusPartitionedFeed({ bus: new InProcessMessageBus(brokerHere), topic, groupId: 'vigil-alerting', claim: localClaims(), oldestUndelivered: relayBacklog(backing, checkpointsHere) });
    const alerting = new AlertingService(backing, clock, defaultRuleSet, { ...DEFAULT_ALERTING_OPTIONS, tickIntervalMs: 10, checkpointIntervalMs: 50 }, checkpointsHere, new StoreLogConsumer(backing), feed);
    return { backing, brokerHere, topic, relayOf, alerting };
  };

  beforeAll(() => Logger.overrideLogger(['error']));
  afterAll(async () => {
    await Promise.all(instances.map((alerting) => alerting.onApplicationShutdown()));
    await relay.stop();
  });

  it('hands sessions between live instances as the partitions are dealt again, with the stored alarms equal to a replay', async () => {
    await relay.start();
    const a = instance();
    for (const sessionId of SESSIONS) await append(`session-${sessionId}`, 'SessionStarted', { sessionId, room: `Room ${sessionId}`, patientPseudonym: `P-${sessionId}`, clinician: 'Dr K', at: clock.now().toISOString() });
    await until('the first instance to run every partition', () => partitionsOf(a).length === 4);

    let b: AlertingService | undefined;
    let c: AlertingService | undefined;
    const shares: number[][] = [];
    for (let step = 0; step < 200; step++) {
      simulated += 1000;
      for (const [i, sessionId] of SESSIONS.entries()) {
        await append(`vitals-${sessionId}`, 'OximetryObserved', { sessionId, deviceId: `ox-${sessionId}`, gatewayId: 'gw-1', spo2: PATTERN[(step + i * 7) % PATTERN.length], pulseRate: 80, sensorOff: false, measuredAt: clock.now().toISOString(), source: 'decoded' });
      }
      await sleep(5);
      if (step === 50) b = instance();
      if (step === 60) shares.push(partitionsOf(a), partitionsOf(b!));
      if (step === 100) await a.onApplicationShutdown();
      if (step === 110) shares.push(partitionsOf(b!));
      if (step === 140) c = instance();
    }
    await until('the last two instances to share the partitions', () => partitionsOf(b!).length > 0 && partitionsOf(c!).length > 0 && partitionsOf(b!).length + partitionsOf(c!).length === 4);

    // Dealt: half and half, then all to the survivor.
    expect(shares[0]!.length).toBe(2);
    expect(shares[1]!.length).toBe(2);
    expect(shares[2]).toEqual([0, 1, 2, 3]);

    let alarms = 0;
    await until('every session\'s stored alarms to equal its replay', async () => {
      if (b!.status.pendingAlarmWrites + c!.status.pendingAlarmWrites > 0) return false;
      for (const sessionId of SESSIONS) {
        const record = await readStreamsMerged(store, sessionStreamNames(sessionId));
        if (record.filter(isAlarm).length !== replaySession(record, defaultRuleSet, (x, y) => store.comparePositions(x, y)).outputs.length) return false;
      }
      return true;
    });
    for (const sessionId of SESSIONS) {
      const record = await readStreamsMerged(store, sessionStreamNames(sessionId));
      const stored = record.filter(isAlarm);
      expect(new Set(stored.map((event) => event.id)).size).toBe(stored.length);
      const replayed = replaySession(record, defaultRuleSet, (x, y) => store.comparePositions(x, y));
      expect(stored.map((event) => [event.type, event.data.alertId, event.occurredAt])).toEqual(replayed.outputs.map(({ output }) => [output.type, output.data.alertId, output.at]));
      alarms += stored.length;
    }
    // Every session raised, escalated and cleared several times: 200 s of the pattern each.
    expect(alarms).toBeGreaterThan(SESSIONS.length * 6);
  });

  it('claims and restores a partition again when its restore fails, and lets the claim go meanwhile', async () => {
    const backing = new InMemoryEventStore({ clock: () => clock.now() });
    await backing.appendToStream('session-flaky', [{ id: 'flaky-start', type: 'SessionStarted', data: { sessionId: 'flaky', room: 'Room 1', patientPseudonym: 'P-1', clinician: 'Dr K', at: clock.now().toISOString() }, occurredAt: clock.now().toISOString() }], { expectedRevision: 'no-stream' });
    let failReads = true;
    // The store away for reading the log: every restore fails until it is back.
    const flaky = new Proxy(backing, {
      get(target, property, receiver) {
        if (property === 'readAll') return (...args: Parameters<InMemoryEventStore['readAll']>) => (failReads ? Promise.reject(new Error('store away')) : target.readAll(...args));
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const claimsHere = localClaims();
    const bus = new InProcessMessageBus(new InProcessBroker());
    const released: number[] = [];
    const feed = new BusPartitionedFeed({
      bus,
      topic: TOPIC,
      groupId: 'vigil-alerting',
      oldestUndelivered: async () => undefined,
      claim: (partition) => {
        const claim = claimsHere(partition);
        return { held: claim.held, release: async () => (released.push(partition), claim.release()) };
      },
    });
    const alerting = new AlertingService(flaky, clock, defaultRuleSet, { ...DEFAULT_ALERTING_OPTIONS, tickIntervalMs: 10, checkpointIntervalMs: 50 }, new InMemoryProcessorCheckpoints(), new StoreLogConsumer(flaky), feed);
    alerting.onApplicationBootstrap();
    try {
      await until('every partition to report its failed restore', () => (alerting.status.partitions ?? []).length === 4 && (alerting.status.partitions ?? []).every((p) => p.state !== 'running' && p.lastError === 'store away'));
      expect(alerting.status.caughtUp).toBe(false);
      // A partition whose restore failed is not held from another instance while it waits.
      await until('the claims let go after the failures', () => new Set(released).size === 4);
      failReads = false;
      await until('every partition running once the store is back', () => partitionsOf(alerting).length === 4);
      expect(alerting.status.caughtUp).toBe(true);
      expect((alerting.status.partitions ?? []).every((p) => p.lastError === undefined)).toBe(true);
    } finally {
      await alerting.onApplicationShutdown();
    }
  });

  it('holds every tick that would overtake a stored reading the bus does not carry yet (relay stopped): late, never "signal lost"', async () => {
    const { backing, relayOf, alerting } = isolated('vigil.events.outage');
    let relayHere = relayOf();
    await relayHere.start();
    alerting.onApplicationBootstrap();
    const at = () => clock.now().toISOString();
    const appendHere = (stream: string, type: string, data: Record<string, unknown>) => backing.appendToStream(stream, [{ id: `outage-${++seq}`, type, data, occurredAt: at() } as NewEvent], { expectedRevision: 'any' });
    try {
      await appendHere('session-outage', 'SessionStarted', { sessionId: 'outage', room: 'Room 5', patientPseudonym: 'P-5', clinician: 'Dr K', at: at() });
      await until('the partitions running', () => partitionsOf(alerting).length === 4);
      const reading = () => appendHere('vitals-outage', 'OximetryObserved', { sessionId: 'outage', deviceId: 'ox-outage', gatewayId: 'gw-1', spo2: 97, pulseRate: 80, sensorOff: false, measuredAt: at(), source: 'decoded' });
      for (let second = 0; second < 10; second++) {
        simulated += 1000;
        await reading();
        await sleep(15);
      }
      // The broker away: readings are stored every second, the bus carries none of them for 60 s.
      await relayHere.stop();
      for (let second = 0; second < 60; second++) {
        simulated += 1000;
        await reading();
        await sleep(15);
      }
      relayHere = relayOf();
      await relayHere.start();
      for (let second = 0; second < 5; second++) {
        simulated += 1000;
        await reading();
        await sleep(15);
      }
      await until('the record to equal its replay', async () => {
        const record = await readStreamsMerged(backing, sessionStreamNames('outage'));
        return alerting.status.pendingAlarmWrites === 0 && record.filter(isAlarm).length === replaySession(record, defaultRuleSet, (x, y) => backing.comparePositions(x, y)).outputs.length;
      });
      const record = await readStreamsMerged(backing, sessionStreamNames('outage'));
      // A reading every second throughout: no rule had cause to fire.
      expect(record.filter(isAlarm).map((event) => `${event.type} ${String(event.data.ruleId)}`)).toEqual([]);
    } finally {
      await alerting.onApplicationShutdown();
      await relayHere.stop();
    }
  });

  it('passes over a message that is not a recorded event, counting it, and goes on applying the feed', async () => {
    const { backing, brokerHere, topic, relayOf, alerting } = isolated('vigil.events.poison');
    const relayHere = relayOf();
    await relayHere.start();
    alerting.onApplicationBootstrap();
    try {
      await until('the partitions running', () => partitionsOf(alerting).length === 4);
      const publisher = new InProcessMessageBus(brokerHere);
      await publisher.publish(topic.name, [{ key: 'poison', value: 'not a recorded event' }]);
      // A session in the same partition: its events queue behind the unreadable message.
      let n = 0;
      while (publisher.partitionOf(`after-poison-${n}`, topic.partitions) !== publisher.partitionOf('poison', topic.partitions)) n++;
      const sessionId = `after-poison-${n}`;
      const at = clock.now().toISOString();
      await backing.appendToStream(`session-${sessionId}`, [{ id: 'after-poison', type: 'SessionStarted', data: { sessionId, room: 'Room 2', patientPseudonym: 'P-2', clinician: 'Dr K', at }, occurredAt: at }], { expectedRevision: 'no-stream' });
      await until('the session after the unreadable message watched', () => alerting.status.sessions === 1);
      expect(alerting.status.unreadableMessages).toMatchObject({ count: 1, last: expect.stringContaining('not JSON') });
      expect(alerting.status.caughtUp).toBe(true);
    } finally {
      await alerting.onApplicationShutdown();
      await relayHere.stop();
    }
  });
});

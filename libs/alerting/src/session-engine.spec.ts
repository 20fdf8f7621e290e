import { integerPositions, type RecordedEvent } from '@vigil/event-store';
import { defaultRuleSet } from '@vigil/rules';
import { alertEvent } from './alert-event';
import { replaySession, SessionEngine, type TickMarker } from './session-engine';

const T0 = Date.parse('2026-11-29T10:00:00.000Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
let position = 0;

function recorded(type: string, atSeconds: number, data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): RecordedEvent {
  position++;
  return {
    id: `e${position}`,
    stream: 'session-s1',
    revision: position - 1,
    position: integerPositions.encode(position),
    type,
    data: { sessionId: 's1', ...data } as RecordedEvent['data'],
    metadata: { ...metadata, chain: { prevHash: null, hash: 'x' } } as RecordedEvent['metadata'],
    occurredAt: iso(atSeconds),
    recordedAt: iso(atSeconds),
  } as RecordedEvent;
}
const oximetry = (at: number, spo2: number, extra: Record<string, unknown> = {}) => recorded('OximetryObserved', at, { spo2, pulseRate: 80, sensorOff: false, ...extra });

/** Runs events through a live engine, ticking where `ticks` says, and records outputs as the app does. */
function live(events: RecordedEvent[], ticks: { afterPosition: number; at: number }[]): RecordedEvent[] {
  const engine = new SessionEngine(defaultRuleSet);
  const stream: RecordedEvent[] = [];
  const store = (outputs: ReturnType<SessionEngine['input']>, tick?: TickMarker) => {
    for (const output of outputs) {
      const event = alertEvent(output, tick);
      stream.push(recorded(event.type, Date.parse(event.occurredAt) / 1000 - T0 / 1000, event.data, event.metadata));
    }
  };
  for (const event of events) {
    for (const t of ticks.filter((tick) => tick.afterPosition === integerPositions.decode(event.position) - 1)) {
      const marker = { at: iso(t.at), afterPosition: integerPositions.encode(t.afterPosition) };
      store(engine.tick(new Date(marker.at)), marker);
    }
    stream.push(event);
    store(engine.input(event));
  }
  return stream;
}

describe('SessionEngine and replaySession', () => {
  beforeEach(() => (position = 0));

  it('judges readings at their measurement time: 10 s of SpO2 < 88 raises spo2-critical at the 10th second', () => {
    const engine = new SessionEngine(defaultRuleSet);
    const outputs = [recorded('SessionStarted', 0), ...Array.from({ length: 12 }, (_, i) => oximetry(1 + i, 85))].flatMap((e) => engine.input(e));
    expect(outputs.map((o) => [o.type, o.data.ruleId, o.at])).toEqual([['AlertRaised', 'spo2-critical', iso(11)]]);
  });

  it('judges a reading measured before the session clock at the session clock, never in the past', () => {
    const engine = new SessionEngine(defaultRuleSet);
    engine.input(recorded('SessionStarted', 30));
    const outputs = Array.from({ length: 12 }, (_, i) => oximetry(1 + i, 85)).flatMap((e) => engine.input(e));
    expect(outputs).toEqual([]); // all twelve collapse onto t = 30 s: no 10 s run yet
  });

  it('leaves no trace of a tick that fires nothing', () => {
    const engine = new SessionEngine(defaultRuleSet);
    engine.input(recorded('SessionStarted', 0));
    engine.input(oximetry(1, 97));
    expect(engine.tick(new Date(iso(5)))).toEqual([]);
    // Had the tick advanced the clock, this reading at 3 s would be judged at 5 s.
    const outputs = Array.from({ length: 11 }, (_, i) => oximetry(3 + i, 85)).flatMap((e) => engine.input(e));
    expect(outputs.map((o) => o.at)).toEqual([iso(13)]);
    expect(engine.lateInputs).toBe(0);
  });

  it('reproduces live outputs exactly, including a tick-driven alarm followed by late readings', () => {
    const inputs = [
      recorded('SessionStarted', 0),
      oximetry(1, 97),
      oximetry(2, 97),
      // the oximeter goes quiet; a tick at 25 s raises signal-lost (deadline 22 s)...
      oximetry(20, 97), // ...and this reading, measured at 20 s, arrives after that tick: judged at 25 s
      oximetry(26, 85),
      ...Array.from({ length: 12 }, (_, i) => oximetry(27 + i, 85)),
      recorded('SessionEnded', 60),
    ];
    const stream = live(inputs, [{ afterPosition: 3, at: 25 }]);
    const recordedAlarms = stream.filter((e) => e.type.startsWith('Alert')).map((e) => [e.type, e.data.alertId, e.occurredAt]);
    expect(recordedAlarms.map(([type]) => type)).toContain('AlertRaised');
    const replayed = replaySession(stream, defaultRuleSet, integerPositions.compare).outputs.map(({ output }) => [output.type, output.data.alertId, output.at]);
    expect(replayed).toEqual(recordedAlarms);
    // Without the recorded tick, the late reading would have been judged at 20 s and nothing raised.
    const withoutTicks = stream.map((e) => ({ ...e, metadata: { ...e.metadata, tick: undefined } }) as unknown as RecordedEvent);
    const signalLostAt22 = (outputs: ReturnType<typeof replaySession>['outputs']) =>
      outputs.some(({ output }) => output.data.ruleId === 'oximeter-signal-lost' && output.at === iso(22));
    expect(signalLostAt22(replaySession(stream, defaultRuleSet, integerPositions.compare).outputs)).toBe(true);
    expect(signalLostAt22(replaySession(withoutTicks, defaultRuleSet, integerPositions.compare).outputs)).toBe(false);
  });

  it('fires overdue deadlines on a final tick, as a restart does', () => {
    const events = [recorded('SessionStarted', 0), oximetry(1, 97)];
    const { outputs } = replaySession(events, defaultRuleSet, integerPositions.compare, new Date(iso(300)));
    expect(outputs.map(({ output }) => [output.type, output.data.ruleId, output.at])).toEqual([
      ['AlertRaised', 'oximeter-signal-lost', iso(21)],
      ['AlertEscalated', 'oximeter-signal-lost', iso(141)],
    ]);
  });

  // Issue 16, item 1: readings are judged on the server's clock, whatever the gateway's clock says.
  describe('time base: the server clock, each gateway’s offset estimated from the record', () => {
    /** A reading measured on a gateway whose clock is `offset` s off the server's (+ ahead), received at `at` s. */
    const viaGateway = (gatewayId: string, offset: number, at: number, spo2: number, transit = 0.2) => ({
      ...oximetry(at - transit + offset, spo2, { gatewayId }),
      recordedAt: iso(at),
    });
    const desaturation = (gatewayFor: (second: number) => [string, number]) => {
      const engine = new SessionEngine(defaultRuleSet);
      const outputs = [recorded('SessionStarted', 0)]
        .concat(Array.from({ length: 40 }, (_, i) => viaGateway(...gatewayFor(i), i, i < 12 ? 97 : 80)))
        .flatMap((event) => engine.input(event));
      return { engine, raised: outputs.filter((o) => o.type === 'AlertRaised').map((o) => [o.data.ruleId, (Date.parse(o.at) - T0) / 1000]) };
    };

    it.each([-600, -60, -1, 0, 1, 60, 300])('raises spo2-critical 10 s after the first breaching reading arrived, gateway clock %i s off', (offset) => {
      const { raised } = desaturation(() => ['gw-1', offset]);
      // First SpO2 80 received at 12 s; the 10th second of the run at 22 s (its time: 21.8 s + the 0.2 s lag).
      expect(raised[0]).toEqual(['spo2-critical', 22]);
    });

    it('keeps each gateway’s own offset when a session switches between gateways', () => {
      const { raised, engine } = desaturation((second) => (second % 10 < 5 ? ['gw-behind', -600] : ['gw-ahead', 300]));
      expect(raised[0]).toEqual(['spo2-critical', 22]);
      expect(engine.gateways().map((clock) => [clock.gatewayId, clock.offsetMs])).toEqual([
        ['gw-behind', 600_200],
        ['gw-ahead', -299_800],
      ]);
    });

    it('takes the fastest reading of the last minute as the offset, so batching and jitter do not delay', () => {
      const engine = new SessionEngine(defaultRuleSet);
      engine.input(recorded('SessionStarted', 0));
      // Posted in batches of 3: the oldest reading of a batch waited 2 s at the gateway.
      for (let second = 0; second < 30; second++) engine.input(viaGateway('gw-1', -60, second + 2 - (second % 3), 97, 0.1 + (2 - (second % 3))));
      expect(engine.gateways()).toEqual([expect.objectContaining({ gatewayId: 'gw-1', offsetMs: 60_100 })]);
    });

    it('ticks a grace behind the server clock: a gateway a minute behind is not a silent oximeter', () => {
      const engine = new SessionEngine(defaultRuleSet);
      engine.input(recorded('SessionStarted', 0));
      for (let second = 1; second <= 70; second++) engine.input(viaGateway('gw-1', -60, second, 97));
      expect(engine.tickTime(new Date(iso(72)), 2000).toISOString()).toBe(iso(70));
      expect(engine.tick(engine.tickTime(new Date(iso(72)), 2000))).toEqual([]);
      expect(engine.tick(new Date(iso(91)))).toEqual([expect.objectContaining({ type: 'AlertRaised', at: iso(90) })]);
    });

    it('replays to the same alarms: everything it uses is in the record', () => {
      const events = [recorded('SessionStarted', 0), ...Array.from({ length: 40 }, (_, i) => viaGateway(i % 2 ? 'gw-a' : 'gw-b', i % 2 ? -90 : 45, i, i < 12 ? 97 : 80))];
      const stream = live(events, []);
      const stored = stream.filter((event) => event.type.startsWith('Alert')).map((event) => [event.type, event.data.alertId, event.occurredAt]);
      const replayed = replaySession(stream, defaultRuleSet, integerPositions.compare).outputs.map(({ output }) => [output.type, output.data.alertId, output.at]);
      expect(stored.length).toBeGreaterThan(0);
      expect(replayed).toEqual(stored);
    });
  });

  it('skips an event the engine cannot read, counting it, and goes on watching', () => {
    const engine = new SessionEngine(defaultRuleSet);
    engine.input(recorded('SessionStarted', 0));
    expect(engine.input(recorded('AlertAcknowledged', 1, {}))).toEqual([]);
    expect(engine.skippedInputs).toEqual([expect.objectContaining({ reason: expect.stringContaining('alertId') })]);
    const outputs = Array.from({ length: 11 }, (_, i) => oximetry(2 + i, 85)).flatMap((e) => engine.input(e));
    expect(outputs.map((o) => o.data.ruleId)).toEqual(['spo2-critical']);
  });
});

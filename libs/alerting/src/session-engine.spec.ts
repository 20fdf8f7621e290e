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
  };
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

  it('ticks in the devices\' time frame, so a lagging gateway clock is not a silent oximeter', () => {
    const engine = new SessionEngine(defaultRuleSet);
    engine.input(recorded('SessionStarted', 0));
    // Measured at 10 s, received at 70 s: the gateway's clock is a minute behind.
    engine.input({ ...oximetry(10, 97), recordedAt: iso(70) });
    expect(engine.tickTime(new Date(iso(80)), 2000).toISOString()).toBe(iso(18));
    expect(engine.tick(engine.tickTime(new Date(iso(80)), 2000))).toEqual([]);
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

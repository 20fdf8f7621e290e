import { sessionIdOfStream } from '@vigil/domain';
import type { LogPosition, RecordedEvent } from '@vigil/event-store';
import {
  clockOffsetOf,
  evaluate,
  initialEngineState,
  InvalidEngineInputError,
  observeClockOffset,
  restoreEngineState,
  serverTimeOf,
  snapshotEngineState,
  SESSION_INPUT_TYPES,
  type ClockOffsetEstimate,
  type EngineOutput,
  type EngineState,
  type EngineStateSnapshot,
  type RuleSet,
  type SessionInput,
  type SessionInputType,
} from '@vigil/rules';

const INPUT_TYPES = new Set<string>(SESSION_INPUT_TYPES);
const READING_TYPES = new Set<string>(['OximetryObserved', 'BloodPressureObserved']);
export const ALERT_OUTPUT_TYPES = new Set<string>(['AlertRaised', 'AlertEscalated', 'AlertCleared']);

export type SessionEngineSnapshot = {
  state: EngineStateSnapshot;
  clock: number | null;
  lateInputs: number;
  gatewayClocks: [string, { estimate: ClockOffsetEstimate; lastReceivedAt: string }][];
  skippedInputs: { eventId: string; position: LogPosition; reason: string }[];
};

/** Recorded on every alarm event a clock tick produced, so replays can feed the same tick. */
export type TickMarker = { at: string; afterPosition: LogPosition };

/** The store's `comparePositions`: positions are opaque outside the store (docs/event-store.md). */
export type PositionComparator = (a: LogPosition, b: LogPosition) => number;

/** One gateway's clock as this session's readings show it. */
export type GatewayClock = { gatewayId: string; offsetMs: number; lastReceivedAt: string };

/**
 * One session's alert engine, fed from its stream. Everything runs on the server's clock
 * (docs/alarm-semantics.md "Time base"): a staff command at the time it states (a dose at its
 * `administeredAt`), a reading at its measurement time converted to server time with its gateway's
 * estimated clock offset (from the recorded measuredAt and recordedAt, see gateway-clock.ts),
 * never later than its arrival. Times are held non-decreasing, so a reading that arrives late is
 * judged at the session's current time rather than rewriting the past. A tick is kept only when
 * it fires something; it then becomes part of the session's history (its marker is stored on the
 * alarm events it produced), so a rebuild after a restart and an auditor's replay, which feed the
 * recorded ticks at the same point of the stream, compute exactly what the live engine computed.
 */
export class SessionEngine {
  private state: EngineState = initialEngineState();
  private clock = Number.NEGATIVE_INFINITY;
  /** Inputs whose time had already been passed by a tick (judged at the tick's time). */
  lateInputs = 0;
  /** Per gateway, the estimate of its clock's offset from the server's, from this session's readings. */
  private readonly gatewayClocks = new Map<string, { estimate: ClockOffsetEstimate; lastReceivedAt: string }>();
  /** Events the engine could not read, with the reason. */
  readonly skippedInputs: { eventId: string; position: LogPosition; reason: string }[] = [];

  constructor(readonly ruleSet: RuleSet) {}

  /** Everything this engine knows, as JSON for a checkpoint; `restore` continues exactly from it. */
  snapshot(): SessionEngineSnapshot {
    return {
      state: snapshotEngineState(this.state),
      clock: Number.isFinite(this.clock) ? this.clock : null,
      lateInputs: this.lateInputs,
      gatewayClocks: [...this.gatewayClocks],
      skippedInputs: this.skippedInputs.map((skipped) => ({ ...skipped })),
    };
  }

  static restore(ruleSet: RuleSet, snapshot: SessionEngineSnapshot): SessionEngine {
    const engine = new SessionEngine(ruleSet);
    engine.state = restoreEngineState(snapshot.state);
    engine.clock = snapshot.clock ?? Number.NEGATIVE_INFINITY;
    engine.lateInputs = snapshot.lateInputs;
    for (const [gatewayId, clock] of snapshot.gatewayClocks) engine.gatewayClocks.set(gatewayId, clock);
    engine.skippedInputs.push(...snapshot.skippedInputs);
    return engine;
  }

  /** The engine input an event stands for, or undefined for events the rules do not read. */
  static inputOf(event: RecordedEvent): SessionInput | undefined {
    const streamSession = INPUT_TYPES.has(event.type) ? sessionIdOfStream(event.stream) : undefined;
    if (streamSession === undefined) return undefined;
    const sessionId = typeof event.data.sessionId === 'string' ? event.data.sessionId : streamSession;
    return { type: event.type as SessionInputType, sessionId, at: event.occurredAt, data: event.data };
  }

  input(event: RecordedEvent): EngineOutput[] {
    const input = SessionEngine.inputOf(event);
    if (!input) return [];
    const happened = READING_TYPES.has(input.type) ? this.serverTimeOfReading(event) : Date.parse(input.at);
    if (happened < this.clock && this.state.tickClock !== undefined && happened < this.state.tickClock) this.lateInputs++;
    this.clock = Math.max(this.clock, happened);
    try {
      const result = evaluate(this.state, { ...input, at: new Date(this.clock).toISOString() }, this.ruleSet);
      this.state = result.state;
      return result.outputs;
    } catch (error) {
      // An event the engine cannot read (another writer, a future schema) is skipped, the same way
      // live and in replay, rather than stopping the alarms of this patient and every other.
      if (!(error instanceof InvalidEngineInputError)) throw error;
      this.skippedInputs.push({ eventId: event.id, position: event.position, reason: error.message });
      return [];
    }
  }

  /** The reading's time on the server's clock, from its gateway's offset estimate (updated with it). */
  private serverTimeOfReading(event: RecordedEvent): number {
    const measuredAt = Date.parse(event.occurredAt);
    const receivedAt = Date.parse(event.recordedAt);
    if (!Number.isFinite(measuredAt) || !Number.isFinite(receivedAt)) return measuredAt;
    const gatewayId = typeof event.data.gatewayId === 'string' ? event.data.gatewayId : '';
    const estimate = observeClockOffset(this.gatewayClocks.get(gatewayId)?.estimate, receivedAt, measuredAt);
    this.gatewayClocks.set(gatewayId, { estimate, lastReceivedAt: event.recordedAt });
    return serverTimeOf(estimate, measuredAt, receivedAt);
  }

  /** Each gateway's estimated offset (server minus gateway clock: positive when the gateway is behind). */
  gateways(): GatewayClock[] {
    return [...this.gatewayClocks].map(([gatewayId, { estimate, lastReceivedAt }]) => ({ gatewayId, offsetMs: clockOffsetOf(estimate), lastReceivedAt }));
  }

  /** The time to tick to when the server's clock reads `now`: a grace behind it, for batches in flight. */
  tickTime(now: Date, graceMs: number): Date {
    return new Date(now.getTime() - graceMs);
  }

  /** Fires the deadlines due by `at`; a tick that fires nothing leaves no trace. */
  tick(at: Date): EngineOutput[] {
    if (at.getTime() <= this.clock) return [];
    const result = evaluate(this.state, { type: 'Tick', at: at.toISOString() }, this.ruleSet);
    if (result.outputs.length === 0) return [];
    this.state = result.state;
    this.clock = at.getTime();
    return result.outputs;
  }
}

/**
 * Re-runs the engine over a recorded session stream: every input in stream order, each recorded
 * tick right after the position it followed, and optionally a last tick at `until`.
 */
export type ReplayedOutput = { output: EngineOutput; tick?: TickMarker };

export function replaySession(
  events: readonly RecordedEvent[],
  ruleSet: RuleSet,
  comparePositions: PositionComparator,
  until?: Date,
  /** An engine restored from a checkpoint: `events` are then the record after that checkpoint. */
  engine: SessionEngine = new SessionEngine(ruleSet),
): { engine: SessionEngine; outputs: ReplayedOutput[] } {
  const ticks = recordedTicks(events, comparePositions);
  const outputs: ReplayedOutput[] = [];
  const tick = (marker: TickMarker) => outputs.push(...engine.tick(new Date(marker.at)).map((output) => ({ output, tick: marker })));
  let next = 0;
  for (const event of events) {
    while (next < ticks.length && comparePositions(ticks[next]!.afterPosition, event.position) < 0) tick(ticks[next++]!);
    if (!ALERT_OUTPUT_TYPES.has(event.type)) outputs.push(...engine.input(event).map((output) => ({ output })));
  }
  while (next < ticks.length) tick(ticks[next++]!);
  if (until) outputs.push(...engine.tick(until).map((output) => ({ output })));
  return { engine, outputs };
}

function recordedTicks(events: readonly RecordedEvent[], comparePositions: PositionComparator): TickMarker[] {
  const seen = new Map<string, TickMarker>();
  for (const event of events) {
    const marker = event.metadata.tick as TickMarker | undefined;
    if (ALERT_OUTPUT_TYPES.has(event.type) && marker) seen.set(`${marker.afterPosition}@${marker.at}`, marker);
  }
  return [...seen.values()].sort((a, b) => comparePositions(a.afterPosition, b.afterPosition) || Date.parse(a.at) - Date.parse(b.at));
}

import type { DoseRoute } from '@vigil/domain';
import type { EngineOutput } from './engine-io';
import type { Priority, RuleSet } from './rule-set';
import { type SessionTable, emptySessionTable } from './session-table';

// The engine's state, immutable by contract: evaluate() never mutates a state it was given and
// returns a new one that shares every untouched session (see session-table.ts). Times are epoch ms.

export type AlarmState = {
  readonly alertId: string;
  readonly ruleId: string;
  readonly raisedAt: number;
  /** The rule's priority, or "high" once escalated. */
  readonly priority: Priority;
  /** False when a high (latching) alarm's condition has resolved but nobody has acknowledged it. */
  readonly conditionActive: boolean;
  readonly acknowledgedAt: number | undefined;
  readonly audioPausedUntil: number | undefined;
};

/**
 * A run of breaching readings (from T0) or of non-breaching ones (from C0), per threshold rule,
 * and the rule's last valid reading (a longer gap than the rule's maxGapSeconds ends the run).
 */
export type RunState = {
  readonly breachSince: number | undefined;
  readonly okSince: number | undefined;
  readonly lastValidAt: number | undefined;
  /** The rule's values at lastValidAt, for the implausible-step check. */
  readonly lastValues: readonly number[] | undefined;
};

export type DoseRecord = { readonly route: DoseRoute; readonly administeredAt: string; readonly atMs: number };

export type BloodPressure = { readonly systolic: number; readonly diastolic: number };

export type SessionState = {
  readonly status: 'open' | 'ended';
  /** Time of the session's latest input. */
  readonly clock: number;
  /** In administration order (inputs are time-ordered). */
  readonly doses: readonly DoseRecord[];
  /** The last valid blood pressure before the first dose; frozen once a dose is given. */
  readonly baseline: BloodPressure | undefined;
  /**
   * Valid readings seen before any dose was recorded, newest last (at most an hour's worth): a dose
   * recorded late takes as baseline the last one measured before the dose's stated time.
   */
  readonly preDoseBloodPressures: readonly (BloodPressure & { readonly at: number })[];
  readonly lastValidBloodPressureAt: number | undefined;
  readonly firstOximetryAt: number | undefined;
  /** Per signalLost rule: the last oximetry reading valid for that rule. */
  readonly lastValidOximetryAt: Readonly<Record<string, number>>;
  /** Per noData rule: bound oximeters that have sent no valid reading yet, with their binding time. */
  readonly silentOximeters: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Per checkDue rule: the dose time whose check has already been decided. */
  readonly checkDueDecidedFor: Readonly<Record<string, number>>;
  readonly runs: Readonly<Record<string, RunState>>;
  /** At most one alarm per rule: keyed by rule id. */
  readonly alarms: Readonly<Record<string, AlarmState>>;
  /** Per rule, the latest raise time and how many alarms were raised at that very instant. */
  readonly lastRaise: Readonly<Record<string, { readonly at: number; readonly count: number }>>;
};

export type EngineState = {
  readonly sessions: SessionTable<SessionState>;
  /** The latest Tick; it advances every session's clock. */
  readonly tickClock: number | undefined;
};

export const initialEngineState = (): EngineState => ({ sessions: emptySessionTable(), tickClock: undefined });

export const openSession = (at: number): SessionState => ({
  status: 'open',
  clock: at,
  doses: [],
  baseline: undefined,
  lastValidBloodPressureAt: undefined,
  firstOximetryAt: undefined,
  lastValidOximetryAt: {},
  silentOximeters: {},
  checkDueDecidedFor: {},
  runs: {},
  alarms: {},
  lastRaise: {},
  preDoseBloodPressures: [],
});

/** What one evaluation works with; `outputs` collects the transitions in the order they happen. */
export type EvaluationContext = {
  readonly ruleSet: RuleSet;
  readonly ruleSetVersion: string;
  readonly sessionId: string;
  readonly outputs: EngineOutput[];
};

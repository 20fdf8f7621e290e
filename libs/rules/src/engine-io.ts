import type { SessionPhase } from '@vigil/domain';
import type { Measure, Unit } from './measures';
import type { AlarmKind, Comparison, Priority } from './rule-set';

// The engine's wire: the inputs are the session's recorded events plus clock ticks; the outputs
// are the alarm transitions the alerting module appends to the session's stream.

export const SESSION_INPUT_TYPES = [
  'SessionStarted',
  'DeviceBound',
  'DeviceUnbound',
  'DoseAdministered',
  'OximetryObserved',
  'BloodPressureObserved',
  'AlertAcknowledged',
  'SessionEnded',
] as const;
export type SessionInputType = (typeof SESSION_INPUT_TYPES)[number];

export type SessionInput = { type: SessionInputType; sessionId: string; at: string; data: Record<string, unknown> };
/** Advances every session's clock, so deadlines fire in live mode when no reading arrives. */
export type Tick = { type: 'Tick'; at: string };
export type EngineInput = SessionInput | Tick;

/** What made a rule's condition true, as shown on the alarm. */
export type AlarmTrigger = {
  /** A vital sign, or the technical quantity a technical rule watches. */
  measure: Measure | 'secondsWithoutValidOximetry' | 'minutesSinceDoseWithoutBloodPressure';
  comparison: Comparison;
  value: number;
  threshold: number;
  unit: Unit;
  /** bp-rise: the pre-dose baseline the threshold is relative to. */
  baseline?: number;
};

export type AlertRaisedData = {
  alertId: string;
  ruleId: string;
  ruleSetVersion: string;
  title: string;
  priority: Priority;
  kind: AlarmKind;
  phase: SessionPhase;
  /** Minutes since the latest dose at the alarm's time; null before the first dose. */
  minutesSinceDose: number | null;
} & AlarmTrigger;

export type AlertEscalatedData = {
  alertId: string;
  ruleId: string;
  ruleSetVersion: string;
  priority: Priority;
  previousPriority: Priority;
  phase: SessionPhase;
};

/**
 * Why an alarm ended: its condition resolved; a latched alarm was acknowledged; the session ended;
 * the dose ended a pre-dose rule's scope; a reading arrived that a technical alarm was waiting for;
 * the silent device a technical alarm was about was unbound.
 */
export type AlertClearReason = 'condition-resolved' | 'acknowledged' | 'session-ended' | 'dose-administered' | 'reading-received' | 'device-unbound';

export type AlertClearedData = {
  alertId: string;
  ruleId: string;
  ruleSetVersion: string;
  reason: AlertClearReason;
  phase: SessionPhase;
};

export type AlertRaised = { type: 'AlertRaised'; sessionId: string; at: string; data: AlertRaisedData };
export type AlertEscalated = { type: 'AlertEscalated'; sessionId: string; at: string; data: AlertEscalatedData };
export type AlertCleared = { type: 'AlertCleared'; sessionId: string; at: string; data: AlertClearedData };
export type EngineOutput = AlertRaised | AlertEscalated | AlertCleared;

import type { Static } from '@sinclair/typebox';
import type { ALARM_EVENT_DATA, AlarmTrigger, AlertClearReason } from '@vigil/domain';

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

export type { AlarmTrigger };

// An output's data is the stored alarm event's (libs/domain alarm-events.ts) less the session and
// time, which the output carries beside it: one definition for what the engine says and what is kept.
type OutputData<K extends keyof typeof ALARM_EVENT_DATA> = Omit<Static<(typeof ALARM_EVENT_DATA)[K]>, 'sessionId' | 'at'>;
export type AlertRaisedData = OutputData<'AlertRaised'>;
export type AlertEscalatedData = OutputData<'AlertEscalated'>;
export type AlertClearedData = OutputData<'AlertCleared'>;
export type { AlertClearReason };

export type AlertRaised = { type: 'AlertRaised'; sessionId: string; at: string; data: AlertRaisedData };
export type AlertEscalated = { type: 'AlertEscalated'; sessionId: string; at: string; data: AlertEscalatedData };
export type AlertCleared = { type: 'AlertCleared'; sessionId: string; at: string; data: AlertClearedData };
export type EngineOutput = AlertRaised | AlertEscalated | AlertCleared;

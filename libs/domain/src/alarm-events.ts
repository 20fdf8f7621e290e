import { Type, type Static } from '@sinclair/typebox';
import { ALARM_KINDS, ALERT_CLEAR_REASONS, COMPARISONS, MEASURES, PRIORITIES, TECHNICAL_QUANTITIES, UNITS } from './alarm-vocabulary';
import { NumberOrNull, oneOf, strict, Text, Time } from './schema/schema-words';
import { SESSION_PHASES } from './session-phase';

// The alarm lifecycle as stored in `alarms-<sessionId>` (docs/streams.md), each event's data
// defined once: the engine's outputs are typed from these schemas, and every reader of a stored
// alarm event reads it through them (stored-events.ts).

const AlarmIdentity = { sessionId: Text, alertId: Text, ruleId: Text, ruleSetVersion: Text, at: Time };

/** What made a rule's condition true, as shown on the alarm. */
export const ALARM_TRIGGER = {
  /** A vital sign, or the technical quantity a technical rule watches. */
  measure: oneOf([...MEASURES, ...TECHNICAL_QUANTITIES]),
  comparison: oneOf(COMPARISONS),
  value: Type.Number(),
  threshold: Type.Number(),
  unit: oneOf(UNITS),
  /** bp-rise: the pre-dose baseline the threshold is relative to. */
  baseline: Type.Optional(Type.Number()),
};

const AlarmTriggerSchema = Type.Object(ALARM_TRIGGER, strict);
export type AlarmTrigger = Static<typeof AlarmTriggerSchema>;

export const ALARM_EVENT_DATA = {
  AlertRaised: Type.Object(
    {
      ...AlarmIdentity,
      title: Text,
      priority: oneOf(PRIORITIES),
      kind: oneOf(ALARM_KINDS),
      phase: oneOf(SESSION_PHASES),
      /** Minutes since the latest dose at the alarm's time; null before the first dose. */
      minutesSinceDose: NumberOrNull,
      ...ALARM_TRIGGER,
    },
    strict,
  ),
  AlertEscalated: Type.Object({ ...AlarmIdentity, priority: oneOf(PRIORITIES), previousPriority: oneOf(PRIORITIES), phase: oneOf(SESSION_PHASES) }, strict),
  AlertCleared: Type.Object({ ...AlarmIdentity, reason: oneOf(ALERT_CLEAR_REASONS), phase: oneOf(SESSION_PHASES) }, strict),
  AlertAcknowledged: Type.Object(
    { sessionId: Text, alertId: Text, ruleId: Text, by: Text, note: Type.Optional(Text), at: Time, audioPausedUntil: Time },
    strict,
  ),
} as const;

type DataOf<K extends keyof typeof ALARM_EVENT_DATA> = Static<(typeof ALARM_EVENT_DATA)[K]>;
export type AlertRaisedRecord = { type: 'AlertRaised'; data: DataOf<'AlertRaised'> };
export type AlertEscalatedRecord = { type: 'AlertEscalated'; data: DataOf<'AlertEscalated'> };
export type AlertClearedRecord = { type: 'AlertCleared'; data: DataOf<'AlertCleared'> };
export type AlertAcknowledgedRecord = { type: 'AlertAcknowledged'; data: DataOf<'AlertAcknowledged'> };
export type AlarmEvent = AlertRaisedRecord | AlertEscalatedRecord | AlertClearedRecord | AlertAcknowledgedRecord;

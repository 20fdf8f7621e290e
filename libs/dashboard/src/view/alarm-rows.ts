import type { AlarmPriority } from '../protocol';
import { PRIORITY_RANK } from './alarms';
import type { AlarmStatus } from './session-status';

// One alarm row per problem (issue 15 item 3). The engine raises one alarm per rule (a
// desaturation raises "SpO₂ low" and "SpO₂ critically low"), and each stays its own stored event;
// the tile groups them by the parameter they watch, shows the group at its highest active priority,
// and one acknowledgement acknowledges each of them (docs/alarm-semantics.md "One row per problem").

/** What a row is about: a vital sign, or the technical quantity a technical rule watches. */
export type AlarmParameter = 'spo2' | 'pulseRate' | 'bloodPressure' | 'oximeterSignal' | 'bloodPressureCheck' | `rule:${string}`;

// A Map: the measure comes from stored data, and must never read an Object property.
const PARAMETER_OF_MEASURE = new Map<string, AlarmParameter>(
  Object.entries({
    spo2: 'spo2',
    pulseRate: 'pulseRate',
    systolic: 'bloodPressure',
    diastolic: 'bloodPressure',
    meanArterialPressure: 'bloodPressure',
    secondsWithoutValidOximetry: 'oximeterSignal',
    minutesSinceDoseWithoutBloodPressure: 'bloodPressureCheck',
  }),
);

/** An alarm without a known measure (stored before views carried it) is a problem of its own. */
export const parameterOf = (alarm: Pick<AlarmStatus, 'measure' | 'ruleId'>): AlarmParameter =>
  (alarm.measure !== undefined ? PARAMETER_OF_MEASURE.get(alarm.measure) : undefined) ?? `rule:${alarm.ruleId}`;

export type AlarmRow = {
  parameter: AlarmParameter;
  /** The highest priority among the row's active alarms. */
  priority: AlarmPriority;
  kind: AlarmStatus['kind'];
  /** The row's active alarms, the most urgent first. */
  alarms: AlarmStatus[];
  /** The most urgent alarm: the row's title and threshold are its own. */
  lead: AlarmStatus;
  /** When the problem began: the earliest raise among the row's alarms. */
  since: string;
  acknowledged: boolean;
  /** Every alarm of the row is acknowledged and within its audio pause. */
  audioPaused: boolean;
};

const byUrgency = (a: AlarmStatus, b: AlarmStatus): number =>
  PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || Date.parse(a.raisedAt) - Date.parse(b.raisedAt) || a.alertId.localeCompare(b.alertId);

export function alarmRowsOf(alarms: readonly AlarmStatus[]): AlarmRow[] {
  const groups = new Map<AlarmParameter, AlarmStatus[]>();
  for (const alarm of alarms) {
    const parameter = parameterOf(alarm);
    groups.set(parameter, [...(groups.get(parameter) ?? []), alarm]);
  }
  const rows = [...groups].map(([parameter, members]): AlarmRow => {
    const sorted = [...members].sort(byUrgency);
    const lead = sorted[0]!;
    return {
      parameter,
      priority: lead.priority,
      kind: lead.kind,
      alarms: sorted,
      lead,
      since: sorted.map((a) => a.raisedAt).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a)),
      acknowledged: sorted.every((a) => a.acknowledged !== undefined),
      audioPaused: sorted.every((a) => a.audioPaused),
    };
  });
  return rows.sort((a, b) => byUrgency(a.lead, b.lead));
}

/**
 * The alarms one click on the row acknowledges: those not acknowledged yet, and those whose audio
 * pause is over (acknowledging again pauses them again). Each is sent, and stored, on its own.
 */
export const alarmsToAcknowledge = (row: AlarmRow): AlarmStatus[] => row.alarms.filter((a) => a.acknowledged === undefined || !a.audioPaused);

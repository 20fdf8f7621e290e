import type { DashboardChange, TimelineEntry } from '../protocol';
import { TIMELINE_LIMIT } from './view-limits';

type TimelineChange = Exclude<DashboardChange, { type: 'OximetryObserved' | 'BloodPressureObserved' }>;

const DEVICE_NAMES = { oximeter: 'oximeter', bloodPressureCuff: 'blood-pressure cuff' } as const;

/** One line a clinician can read in the session's timeline; readings are in the trend, not here. */
export function timelineText(change: TimelineChange): string {
  switch (change.type) {
    case 'SessionStarted':
      return `Session started in ${change.room} for ${change.patientPseudonym} by ${change.clinician}`;
    case 'DeviceBound':
      return `${DEVICE_NAMES[change.deviceKind]} ${change.deviceId} bound by ${change.by}`;
    case 'DeviceUnbound':
      return `${DEVICE_NAMES[change.deviceKind]} ${change.deviceId} unbound by ${change.by}${change.reason === 'session-ended' ? ' (session ended)' : ''}`;
    case 'DoseAdministered':
      return `${change.booster ? 'Booster' : 'Dose'} ${change.doseMg} mg ${change.route} by ${change.by}${recordedLaterNote(change.administeredAt, change.at)}`;
    case 'InterventionRecorded':
      return `${change.by}: ${change.text}`;
    case 'SessionEnded':
      return `Session ended by ${change.by}${change.reason ? ` (${change.reason})` : ''}`;
    case 'AlertRaised': {
      const reading = change.value !== undefined ? ` at ${change.value}${change.threshold !== undefined ? ` (limit ${change.threshold})` : ''}` : '';
      return `${change.priority.toUpperCase()} alarm ${change.ruleId}${reading}`;
    }
    case 'AlertEscalated':
      return `Alarm ${change.ruleId} escalated to ${change.priority.toUpperCase()}: nobody acknowledged it`;
    case 'AlertAcknowledged':
      return `Alarm ${change.ruleId} acknowledged by ${change.by}${change.note ? `: ${change.note}` : ''}`;
    case 'AlertCleared':
      return `Alarm ${change.ruleId} cleared (${change.reason})`;
    default: {
      const exhaustive: never = change;
      return exhaustive;
    }
  }
}

/** A dose recorded a minute or more after it was given says so (issue 15 item 7): the entry stands at the time given. */
export function recordedLaterNote(administeredAt: string, recordedAt: string): string {
  const minutes = Math.round((Date.parse(recordedAt) - Date.parse(administeredAt)) / 60_000);
  return minutes >= 1 ? ` (recorded ${minutes} min later)` : '';
}

/** When the fact happened: a dose when it was given, everything else when it was recorded. */
const happenedAt = (change: TimelineChange): string => (change.type === 'DoseAdministered' ? change.administeredAt : change.at);

/** In time order (a late-recorded dose goes back to when it was given), bounded, newest last. */
export function appendTimeline(timeline: readonly TimelineEntry[], position: number, change: TimelineChange): TimelineEntry[] {
  const entry: TimelineEntry = { position, at: happenedAt(change), type: change.type, text: timelineText(change) };
  const at = Date.parse(entry.at);
  let index = timeline.length;
  while (index > 0 && Date.parse(timeline[index - 1]!.at) > at) index--;
  return [...timeline.slice(0, index), entry, ...timeline.slice(index)].slice(-TIMELINE_LIMIT);
}

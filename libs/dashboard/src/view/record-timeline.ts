import type { SessionReport } from '../../../report/src/model/session-report';
import { recordedLaterNote } from './timeline';

// The timeline of a session read from its full record (an ended session opened from the Sessions
// page): every dose at the time it was given, interventions, and each alarm's raise,
// escalation, acknowledgement (by whom) and clear. Pure, so the page and the tests share it.

export type RecordTimelineEntry = { at: string; kind: 'start' | 'dose' | 'intervention' | 'alarm' | 'end'; text: string };

/** The fields of the record the timeline reads (the report model's JSON). */
export type RecordForTimeline = Pick<SessionReport, 'room' | 'patientPseudonym' | 'clinician' | 'startedAt' | 'ended' | 'doses' | 'interventions' | 'alarms'>;

export function recordTimeline(record: RecordForTimeline): RecordTimelineEntry[] {
  const entries: RecordTimelineEntry[] = [{ at: record.startedAt, kind: 'start', text: `Session started in ${record.room} for ${record.patientPseudonym} by ${record.clinician}` }];
  for (const dose of record.doses) {
    const text = `${dose.booster ? 'Booster' : 'Dose'} ${dose.doseMg} mg ${dose.drug} ${dose.route} by ${dose.by}`;
    entries.push({ at: dose.administeredAt, kind: 'dose', text: `${text}${dose.recordedAt ? recordedLaterNote(dose.administeredAt, dose.recordedAt) : ''}` });
  }
  for (const note of record.interventions) entries.push({ at: note.at, kind: 'intervention', text: `${note.by}: ${note.text}` });
  for (const alarm of record.alarms) {
    const what = alarm.title || alarm.ruleId;
    const reading = alarm.value !== undefined ? ` at ${alarm.value}${alarm.unit ? ` ${alarm.unit}` : ''}` : '';
    entries.push({ at: alarm.raisedAt, kind: 'alarm', text: `${alarm.priority.toUpperCase()} alarm raised: ${what}${reading}` });
    if (alarm.escalatedAt) entries.push({ at: alarm.escalatedAt, kind: 'alarm', text: `Alarm escalated to ${(alarm.escalatedTo ?? '').toUpperCase()}: ${what}` });
    if (alarm.acknowledgedAt) entries.push({ at: alarm.acknowledgedAt, kind: 'alarm', text: `Alarm acknowledged by ${alarm.acknowledgedBy ?? 'unknown'}: ${what}` });
    if (alarm.clearedAt) entries.push({ at: alarm.clearedAt, kind: 'alarm', text: `Alarm cleared (${alarm.clearReason ?? 'cleared'}): ${what}` });
  }
  if (record.ended) entries.push({ at: record.ended.at, kind: 'end', text: `Session ended by ${record.ended.by}${record.ended.reason ? ` (${record.ended.reason})` : ''}` });
  // Stable: entries at the same instant keep the order above (a raise before its acknowledgement).
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index).map(({ entry }) => entry);
}

import { isSessionCommandEventType, readSessionCommandEvent, type SessionCommandEvent } from '@vigil/domain';
import type { RecordedEvent } from '@vigil/event-store';
import { baselineOf, phaseSpans, sessionRecordOf, type Baseline, type PhaseSpan, type SessionRecord } from '@vigil/report';

// One session's record as the exports read it. Pure: the merged events come in (read-audited-session.ts
// reads them), nothing is read from the store or the clock. The readings, alarms, phases and baseline
// are the report's own (libs/report), so an export and the session report never disagree.

/** A staff command as stored, read through its schema (never trusted on faith). */
export type StaffAction = { event: SessionCommandEvent; stream: string; revision: number; recordedAt: string };

export type AuditedSession = {
  record: SessionRecord;
  staff: StaffAction[];
  phases: PhaseSpan[];
  baseline: Baseline;
  /** The end of the record: the session's end, or its last event while it is still active. */
  until: string;
  /** Every alarm event (raised, escalated, acknowledged, cleared) and staff action, in log order. */
  timeline: TimelineEntry[];
};

export type TimelineEntry = { kind: 'alarm'; event: RecordedEvent } | { kind: 'staff'; action: StaffAction };

export const ALARM_EVENT_TYPES: ReadonlySet<string> = new Set(['AlertRaised', 'AlertEscalated', 'AlertAcknowledged', 'AlertCleared']);

export function auditedSessionOf(events: readonly RecordedEvent[]): AuditedSession {
  const record = sessionRecordOf(events);
  const staff: StaffAction[] = [];
  const timeline: TimelineEntry[] = [];
  for (const event of events) {
    if (ALARM_EVENT_TYPES.has(event.type)) timeline.push({ kind: 'alarm', event });
    if (!isSessionCommandEventType(event.type)) continue;
    const action = { event: readSessionCommandEvent(event), stream: event.stream, revision: event.revision, recordedAt: event.recordedAt };
    staff.push(action);
    timeline.push({ kind: 'staff', action });
  }
  const start = Date.parse(record.startedAt);
  const lastEvent = events.reduce((latest, event) => Math.max(latest, Date.parse(event.occurredAt) || 0), start);
  const until = record.ended ? Date.parse(record.ended.at) : lastEvent;
  return {
    record,
    staff,
    phases: phaseSpans(record, start, until),
    baseline: baselineOf(record),
    until: new Date(until).toISOString(),
    timeline,
  };
}

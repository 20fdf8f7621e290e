import { readSessionCommandEvent } from '@vigil/domain';
import { LOG_START, type EventStore, type LogPosition, type RecordedEvent } from '@vigil/event-store';
import type { SessionReport } from './model/session-report';
import { sessionReportOf, type ReportContext } from './generate-report';

// The day overview (issue 14 item 5): the sessions started on a UTC date, each with its duration,
// alarm counts by priority, the REMS fields it is missing, and its report's URL.

export type DaySession = {
  sessionId: string;
  room: string;
  patientPseudonym: string;
  clinician: string;
  drug: SessionReport['drug'];
  startedAt: string;
  endedAt: string | null;
  durationMinutes: number;
  alarms: { high: number; medium: number; low: number };
  /** Esketamine only: the REMS fields the record cannot answer or flags (empty when complete). */
  remsMissing: string[] | null;
  reportUrl: string;
};

export type DayOverview = { date: string; generatedAt: string; sessions: DaySession[] };

/** Pure: one session's line from its report. */
export function daySessionOf(report: SessionReport): DaySession {
  const alarms = { high: 0, medium: 0, low: 0 };
  for (const alarm of report.alarms) {
    // Counted under the highest priority the alarm reached (a medium escalated to high counts as high).
    const priority = (alarm.escalatedTo ?? alarm.priority) as keyof typeof alarms;
    if (Object.hasOwn(alarms, priority)) alarms[priority as keyof typeof alarms]++;
  }
  return {
    sessionId: report.sessionId,
    room: report.room,
    patientPseudonym: report.patientPseudonym,
    clinician: report.clinician,
    drug: report.drug,
    startedAt: report.startedAt,
    endedAt: report.ended?.at ?? null,
    durationMinutes: Math.round(report.monitoredMinutes * 10) / 10,
    alarms,
    remsMissing: report.drug === 'esketamine' ? (report.rems?.missing ?? ['no dose recorded']) : null,
    reportUrl: `/api/v1/sessions/${encodeURIComponent(report.sessionId)}/report.pdf`,
  };
}

/**
 * Session ids started on `date` (YYYY-MM-DD, UTC). The store has no index of sessions yet, so this
 * reads the log in pages and keeps SessionStarted events; see docs/clinical-documentation.md "Open points".
 */
export async function sessionsStartedOn(store: EventStore, date: string): Promise<string[]> {
  const ids: string[] = [];
  for (let after: LogPosition = LOG_START; ; ) {
    const page: RecordedEvent[] = await store.readAll({ afterPosition: after, maxCount: 5000 });
    if (page.length === 0) return ids;
    for (const event of page) {
      if (event.type !== 'SessionStarted') continue;
      const started = readSessionCommandEvent(event);
      if (started.type === 'SessionStarted' && started.data.at.slice(0, 10) === date) ids.push(started.data.sessionId);
    }
    after = page[page.length - 1]!.position;
  }
}

export async function dayOverview(context: ReportContext, date: string): Promise<DayOverview> {
  const ids = await sessionsStartedOn(context.store, date);
  const sessions: DaySession[] = [];
  for (const id of ids) sessions.push(daySessionOf(await sessionReportOf(context, id)));
  sessions.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { date, generatedAt: context.now().toISOString(), sessions };
}

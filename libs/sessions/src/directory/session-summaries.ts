// The list of sessions, past and present (issue 15 item 6): one summary per session, folded from the
// two events that open and close it. Pure: the events come in (session-directory.ts reads them).
// SessionStarted and SessionEnded are staff commands, so they stay in `session-<id>` however the
// readings and alarms are split into streams of their own (DESIGN.md "Events and streams").

export type SessionListStatus = 'active' | 'ended';
export const SESSION_LIST_STATUSES: readonly SessionListStatus[] = ['active', 'ended'];

export type SessionSummary = {
  sessionId: string;
  room: string;
  patientPseudonym: string;
  clinician: string;
  startedAt: string;
  endedAt: string | null;
  status: SessionListStatus;
};

/** The fields of a stored event the directory reads; `RecordedEvent` fits. */
export type DirectoryEvent = { readonly type: string; readonly data: Readonly<Record<string, unknown>> };

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Applies one event to the summaries (in place: the directory owns its map). Other events change nothing. */
export function applyToSessionSummaries(summaries: Map<string, SessionSummary>, event: DirectoryEvent): void {
  const sessionId = str(event.data.sessionId);
  if (!sessionId) return;
  if (event.type === 'SessionStarted' && !summaries.has(sessionId)) {
    const d = event.data;
    summaries.set(sessionId, {
      sessionId,
      room: str(d.room),
      patientPseudonym: str(d.patientPseudonym),
      clinician: str(d.clinician),
      startedAt: str(d.at),
      endedAt: null,
      status: 'active',
    });
  } else if (event.type === 'SessionEnded') {
    const summary = summaries.get(sessionId);
    if (summary) summaries.set(sessionId, { ...summary, endedAt: str(event.data.at), status: 'ended' });
  }
}

import { readSessionCommandEvent } from '@vigil/domain';

// The list of sessions, past and present (issue 15 item 6): one summary per session, folded from the
// two events that open and close it. Pure: the events come in (session-directory.ts reads them).
// SessionStarted and SessionEnded are staff commands, so they stay in `session-<id>` however the
// readings and alarms are split into streams of their own (docs/architecture.md "Events and streams").

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
export type DirectoryEvent = { readonly stream: string; readonly revision: number; readonly type: string; readonly data: Readonly<Record<string, unknown>> };

/** Applies one event, read through its schema (libs/domain stored-events.ts), in place: the directory owns its map. Other events change nothing. */
export function applyToSessionSummaries(summaries: Map<string, SessionSummary>, stored: DirectoryEvent): void {
  if (stored.type !== 'SessionStarted' && stored.type !== 'SessionEnded') return;
  const event = readSessionCommandEvent(stored);
  if (event.type === 'SessionStarted' && !summaries.has(event.data.sessionId)) {
    const { sessionId, room, patientPseudonym, clinician, at } = event.data;
    summaries.set(sessionId, { sessionId, room, patientPseudonym, clinician, startedAt: at, endedAt: null, status: 'active' });
  } else if (event.type === 'SessionEnded') {
    const summary = summaries.get(event.data.sessionId);
    if (summary) summaries.set(event.data.sessionId, { ...summary, endedAt: event.data.at, status: 'ended' });
  }
}

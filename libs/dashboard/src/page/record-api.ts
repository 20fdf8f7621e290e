import type { PlaybackRecord } from '../../../audit-export/src/audit-reads';
import type { SessionReport } from '../../../report/src/model/session-report';
import type { SessionPage } from '../../../sessions/src/directory/session-query';
import { StaffApiError } from './staff-api';

// Reading past sessions: the session list and a session's full record (both plain GETs).

async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new StaffApiError(0, 'The server cannot be reached. Try again.');
  }
  const body = (await response.json().catch(() => undefined)) as { message?: unknown } | undefined;
  if (!response.ok) throw new StaffApiError(response.status, typeof body?.message === 'string' ? body.message : `the server answered ${response.status}`);
  return body as T;
}

export const recordApi = {
  sessions: (query: URLSearchParams) => getJson<SessionPage>(`/api/v1/sessions?${query.toString()}`),
  record: (sessionId: string) => getJson<SessionReport>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/record`),
  /** An auditor's playback of an ended session (issue 13): its dashboard changes, read once. */
  playback: (sessionId: string) => getJson<PlaybackRecord>(`/api/v1/audit/sessions/${encodeURIComponent(sessionId)}/playback`),
};

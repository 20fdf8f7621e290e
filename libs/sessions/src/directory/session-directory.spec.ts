import { applyToSessionSummaries, type SessionSummary } from './session-summaries';
import { querySessions } from './session-query';
import { sessionQueryBounds } from './session-query-bounds';

const started = (sessionId: string, room: string, at: string) => ({ stream: `session-${sessionId}`, revision: 0, type: 'SessionStarted', data: { sessionId, room, patientPseudonym: `P-${sessionId}`, clinician: 'Dr A', at } });
const ended = (sessionId: string, at: string) => ({ stream: `session-${sessionId}`, revision: 1, type: 'SessionEnded', data: { sessionId, by: 'nurse', at } });

function given(...events: { stream: string; revision: number; type: string; data: Record<string, unknown> }[]): Map<string, SessionSummary> {
  const summaries = new Map<string, SessionSummary>();
  for (const event of events) applyToSessionSummaries(summaries, event);
  return summaries;
}

describe('the session directory', () => {
  const all = given(
    started('a', 'Room 1', '2026-12-01T08:00:00Z'),
    started('b', 'Room 3', '2026-12-01T09:00:00Z'),
    { stream: 'vitals-b', revision: 0, type: 'OximetryObserved', data: { sessionId: 'b', spo2: 97 } },
    ended('a', '2026-12-01T10:00:00Z'),
    started('c', 'Room 31', '2026-12-02T07:00:00Z'),
  ).values();
  const everything = [...all];
  const page = (query: Partial<Parameters<typeof querySessions>[1]>) => querySessions(everything, { limit: 50, offset: 0, ...query });

  it('folds start and end into one summary per session; readings change nothing', () => {
    expect(everything.find((s) => s.sessionId === 'a')).toEqual({
      sessionId: 'a', room: 'Room 1', patientPseudonym: 'P-a', clinician: 'Dr A', startedAt: '2026-12-01T08:00:00Z', endedAt: '2026-12-01T10:00:00Z', status: 'ended',
    });
    expect(everything.find((s) => s.sessionId === 'b')).toMatchObject({ status: 'active', endedAt: null });
  });

  it('lists newest first and pages with total, limit and offset', () => {
    expect(page({}).sessions.map((s) => s.sessionId)).toEqual(['c', 'b', 'a']);
    expect(page({ limit: 1, offset: 1 })).toMatchObject({ total: 3, limit: 1, offset: 1, sessions: [{ sessionId: 'b' }] });
  });

  it('filters by status, start time and whole room name', () => {
    expect(page({ status: 'ended' }).sessions.map((s) => s.sessionId)).toEqual(['a']);
    expect(page({ status: 'active' }).sessions.map((s) => s.sessionId)).toEqual(['c', 'b']);
    expect(page({ room: ' room 3 ' }).sessions.map((s) => s.sessionId)).toEqual(['b']);
    const day = sessionQueryBounds('2026-12-01', '2026-12-01');
    if ('errors' in day) throw new Error('bounds rejected');
    expect(page(day).sessions.map((s) => s.sessionId)).toEqual(['b', 'a']);
    const morning = sessionQueryBounds('2026-12-01T08:30:00Z', undefined);
    if ('errors' in morning) throw new Error('bounds rejected');
    expect(page(morning).sessions.map((s) => s.sessionId)).toEqual(['c', 'b']);
  });

  it('names the field and the reason of bounds it cannot use', () => {
    expect(sessionQueryBounds('2026-02-30', undefined)).toEqual({ errors: [{ field: 'from', message: 'from is not a date and time that exists: "2026-02-30"' }] });
    expect(sessionQueryBounds('2026-12-02', '2026-12-01T12:00:00Z')).toEqual({
      errors: [{ field: 'to', message: 'to must be later than from (from 2026-12-02, to 2026-12-01T12:00:00Z)' }],
    });
  });
});

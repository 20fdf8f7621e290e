import type { SessionListStatus, SessionSummary } from './session-summaries';

// Filtering and paging of the session list (GET /api/v1/sessions), pure so the rules are tested alone.

export type SessionQuery = {
  status?: SessionListStatus;
  /** Epoch ms, inclusive: sessions started at or after it. */
  fromMs?: number;
  /** Epoch ms, exclusive: sessions started before it. */
  toMs?: number;
  /** Matched whole, ignoring case and surrounding spaces ("room 3" finds "Room 3", not "Room 31"). */
  room?: string;
  limit: number;
  offset: number;
};

export type SessionPage = { total: number; limit: number; offset: number; sessions: SessionSummary[] };

const normalRoom = (room: string): string => room.trim().toLocaleLowerCase();

/** Newest first (by start time, then id so a page boundary never moves between two requests). */
export function querySessions(all: Iterable<SessionSummary>, query: SessionQuery): SessionPage {
  const room = query.room === undefined ? undefined : normalRoom(query.room);
  const matching = [...all].filter((s) => {
    const started = Date.parse(s.startedAt);
    return (
      (query.status === undefined || s.status === query.status) &&
      (query.fromMs === undefined || started >= query.fromMs) &&
      (query.toMs === undefined || started < query.toMs) &&
      (room === undefined || normalRoom(s.room) === room)
    );
  });
  matching.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || a.sessionId.localeCompare(b.sessionId));
  return { total: matching.length, limit: query.limit, offset: query.offset, sessions: matching.slice(query.offset, query.offset + query.limit) };
}

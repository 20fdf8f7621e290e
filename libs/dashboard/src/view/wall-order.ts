import type { AlarmStatus } from './session-status';

// The order of the tiles on the wall (issue 15 item 1). Tiles stay where staff expect them (by room)
// while every session fits on the screen; once some do not, the sessions that need someone come
// first: an active high-priority alarm, then medium, then a technical alarm, then the rest by room.
// A clinic may keep room order regardless; the bar below the grid then names every off-screen alarm.

export type WallOrder = 'urgency' | 'room';
export type WallSession = { sessionId: string; room: string; startedAt: string; alarms: readonly Pick<AlarmStatus, 'priority' | 'kind'>[] };

/** 0 high, 1 medium (physiological), 2 technical, 3 the rest (a low physiological alarm included). */
export function urgencyRank(alarms: WallSession['alarms']): number {
  if (alarms.some((a) => a.priority === 'high')) return 0;
  if (alarms.some((a) => a.priority === 'medium' && a.kind === 'physiological')) return 1;
  if (alarms.some((a) => a.kind === 'technical')) return 2;
  return 3;
}

export const byRoom = (a: Pick<WallSession, 'room' | 'startedAt'>, b: Pick<WallSession, 'room' | 'startedAt'>): number =>
  a.room.localeCompare(b.room, undefined, { numeric: true }) || a.startedAt.localeCompare(b.startedAt);

export function wallOrder<S extends WallSession>(sessions: readonly S[], capacity: number, order: WallOrder): S[] {
  const rooms = [...sessions].sort(byRoom);
  if (order === 'room' || sessions.length <= capacity) return rooms;
  return rooms.sort((a, b) => urgencyRank(a.alarms) - urgencyRank(b.alarms) || byRoom(a, b));
}

import { alarmRowsOf, type AlarmRow } from './alarm-rows';
import { PRIORITY_RANK } from './alarms';
import type { AlarmStatus } from './session-status';

// The bar under the wall grid (issue 15 item 1): how many sessions are below the screen and their
// worst alarm, and every off-screen alarm by room, so no alarm is ever only off-screen.

export type OffScreenAlarm = { sessionId: string; room: string; row: AlarmRow };
export type OverflowSummary = { count: number; alarms: OffScreenAlarm[] };

export function overflowSummary(offScreen: readonly { sessionId: string; room: string; alarms: readonly AlarmStatus[] }[]): OverflowSummary {
  const alarms = offScreen.flatMap((s) => alarmRowsOf(s.alarms).map((row) => ({ sessionId: s.sessionId, room: s.room, row })));
  // Worst first: priority, then the oldest problem.
  alarms.sort((a, b) => PRIORITY_RANK[a.row.priority] - PRIORITY_RANK[b.row.priority] || Date.parse(a.row.since) - Date.parse(b.row.since));
  return { count: offScreen.length, alarms };
}

import { PRIORITY_RANK } from './alarms';
import type { AlarmStatus } from './session-status';

// The central alarm list (issue 15 item 2): every active alarm across patients, each on its own
// line (so the list holds every alarm the engine raised), the highest priority first and, within a
// priority, the newest first: the alarm nobody has seen yet is at the top of its colour.

export type CentralAlarm = { sessionId: string; room: string; patientPseudonym: string; alarm: AlarmStatus };

export function centralAlarms(sessions: readonly { sessionId: string; room: string; patientPseudonym: string; alarms: readonly AlarmStatus[] }[]): CentralAlarm[] {
  return sessions
    .flatMap((s) => s.alarms.map((alarm) => ({ sessionId: s.sessionId, room: s.room, patientPseudonym: s.patientPseudonym, alarm })))
    .sort((a, b) => PRIORITY_RANK[a.alarm.priority] - PRIORITY_RANK[b.alarm.priority] || Date.parse(b.alarm.raisedAt) - Date.parse(a.alarm.raisedAt) || a.alarm.alertId.localeCompare(b.alarm.alertId));
}

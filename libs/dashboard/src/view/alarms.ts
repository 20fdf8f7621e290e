import type { AlarmPriority, AlarmView, DashboardChange } from '../protocol';

type AlarmChange = Extract<DashboardChange, { type: 'AlertRaised' | 'AlertEscalated' | 'AlertAcknowledged' | 'AlertCleared' }>;

export const PRIORITY_RANK: Readonly<Record<AlarmPriority, number>> = { high: 0, medium: 1, low: 2 };

/** Highest priority first, then the oldest: the order staff should deal with them. */
const byUrgency = (a: AlarmView, b: AlarmView): number =>
  PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || Date.parse(a.raisedAt) - Date.parse(b.raisedAt) || a.alertId.localeCompare(b.alertId);

/**
 * Active alarms: raised and not yet cleared. Acknowledging pauses the audio but keeps the alarm
 * listed until it clears (docs/architecture.md "Alarms", IEC 60601-1-8). Transitions for an unknown alarm id
 * (raised before a rebuild window, or already cleared) change nothing.
 */
export function evolveAlarms(alarms: readonly AlarmView[], change: AlarmChange): AlarmView[] {
  switch (change.type) {
    case 'AlertRaised': {
      if (alarms.some((alarm) => alarm.alertId === change.alertId)) return alarms.slice();
      const raised: AlarmView = {
        alertId: change.alertId,
        ruleId: change.ruleId,
        priority: change.priority,
        kind: change.kind,
        raisedAt: change.at,
        ...(change.phase !== undefined ? { phase: change.phase } : {}),
        ...(change.title !== undefined ? { title: change.title } : {}),
        ...(change.measure !== undefined ? { measure: change.measure } : {}),
        ...(change.value !== undefined ? { value: change.value } : {}),
        ...(change.threshold !== undefined ? { threshold: change.threshold } : {}),
      };
      return [...alarms, raised].sort(byUrgency);
    }
    case 'AlertEscalated':
      return alarms
        .map((alarm) => (alarm.alertId === change.alertId ? { ...alarm, priority: change.priority, escalatedAt: change.at } : alarm))
        .sort(byUrgency);
    case 'AlertAcknowledged':
      return alarms.map((alarm) =>
        alarm.alertId === change.alertId
          ? {
              ...alarm,
              acknowledged: { by: change.by, at: change.at, ...(change.note !== undefined ? { note: change.note } : {}) },
              ...(change.audioPausedUntil !== undefined ? { audioPausedUntil: change.audioPausedUntil } : {}),
            }
          : alarm,
      );
    case 'AlertCleared':
      return alarms.filter((alarm) => alarm.alertId !== change.alertId);
    default: {
      const exhaustive: never = change;
      return exhaustive;
    }
  }
}

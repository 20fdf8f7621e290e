import { isStoredSessionEventType, readStoredEvent } from '@vigil/domain';

// The alarm history across patients (issue 15 item 2): every alarm with its raise, escalation,
// acknowledgements (who) and clear, and the room it was in. Folded from the alarm events, which
// carry their session id in `data` (so it does not matter which stream holds them), and from
// SessionStarted for the room. Pure: the events come in; alarm-history.service.ts reads them.

export type AlarmHistoryEntry = {
  alertId: string;
  sessionId: string;
  room: string;
  patientPseudonym: string;
  ruleId: string;
  title: string;
  kind: string;
  /** The highest priority it reached. */
  priority: string;
  raisedAt: string;
  escalatedAt?: string;
  acknowledgements: { by: string; at: string }[];
  clearedAt?: string;
  clearReason?: string;
};

export type AlarmHistoryState = { rooms: Map<string, { room: string; patientPseudonym: string }>; alarms: Map<string, AlarmHistoryEntry> };
/** The fields of a stored event the history reads; `RecordedEvent` fits. */
export type HistoryEvent = { readonly stream: string; readonly revision: number; readonly type: string; readonly data: Readonly<Record<string, unknown>> };

export const emptyAlarmHistory = (): AlarmHistoryState => ({ rooms: new Map(), alarms: new Map() });

/** Applies one event, read through its schema (libs/domain stored-events.ts), in place: the service owns the state. Other events change nothing. */
export function applyToAlarmHistory(state: AlarmHistoryState, stored: HistoryEvent): void {
  if (!isStoredSessionEventType(stored.type)) return;
  const event = readStoredEvent(stored);
  switch (event.type) {
    case 'SessionStarted':
      state.rooms.set(event.data.sessionId, { room: event.data.room, patientPseudonym: event.data.patientPseudonym });
      return;
    case 'AlertRaised': {
      const { alertId, sessionId, ruleId, title, kind, priority, at } = event.data;
      if (state.alarms.has(alertId)) return;
      const session = state.rooms.get(sessionId);
      state.alarms.set(alertId, {
        alertId,
        sessionId,
        room: session?.room ?? '',
        patientPseudonym: session?.patientPseudonym ?? '',
        ruleId,
        title,
        kind,
        priority,
        raisedAt: at,
        acknowledgements: [],
      });
      return;
    }
    case 'AlertEscalated': {
      const alarm = state.alarms.get(event.data.alertId);
      if (alarm) Object.assign(alarm, { priority: event.data.priority, escalatedAt: event.data.at });
      return;
    }
    case 'AlertAcknowledged':
      state.alarms.get(event.data.alertId)?.acknowledgements.push({ by: event.data.by, at: event.data.at });
      return;
    case 'AlertCleared': {
      const alarm = state.alarms.get(event.data.alertId);
      if (alarm) Object.assign(alarm, { clearedAt: event.data.at, clearReason: event.data.reason });
      return;
    }
    default:
      return;
  }
}

/** Alarms raised in (sinceMs, now], or still active, newest raise first. */
export function alarmHistorySince(state: AlarmHistoryState, sinceMs: number): AlarmHistoryEntry[] {
  return [...state.alarms.values()]
    .filter((alarm) => Date.parse(alarm.raisedAt) > sinceMs || alarm.clearedAt === undefined)
    .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || a.alertId.localeCompare(b.alertId));
}

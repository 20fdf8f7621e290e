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
export type HistoryEvent = { readonly type: string; readonly data: Readonly<Record<string, unknown>> };

export const emptyAlarmHistory = (): AlarmHistoryState => ({ rooms: new Map(), alarms: new Map() });

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Applies one event (in place: the service owns the state). Other events change nothing. */
export function applyToAlarmHistory(state: AlarmHistoryState, event: HistoryEvent): void {
  const d = event.data;
  if (event.type === 'SessionStarted') {
    state.rooms.set(str(d.sessionId), { room: str(d.room), patientPseudonym: str(d.patientPseudonym) });
    return;
  }
  const alarm = state.alarms.get(str(d.alertId));
  switch (event.type) {
    case 'AlertRaised': {
      if (alarm) return;
      const session = state.rooms.get(str(d.sessionId));
      state.alarms.set(str(d.alertId), {
        alertId: str(d.alertId),
        sessionId: str(d.sessionId),
        room: session?.room ?? '',
        patientPseudonym: session?.patientPseudonym ?? '',
        ruleId: str(d.ruleId),
        title: str(d.title),
        kind: str(d.kind),
        priority: str(d.priority),
        raisedAt: str(d.at),
        acknowledgements: [],
      });
      return;
    }
    case 'AlertEscalated':
      if (alarm) Object.assign(alarm, { priority: str(d.priority), escalatedAt: str(d.at) });
      return;
    case 'AlertAcknowledged':
      alarm?.acknowledgements.push({ by: str(d.by), at: str(d.at) });
      return;
    case 'AlertCleared':
      if (alarm) Object.assign(alarm, { clearedAt: str(d.at), clearReason: str(d.reason) });
      return;
  }
}

/** Alarms raised in (sinceMs, now], or still active, newest raise first. */
export function alarmHistorySince(state: AlarmHistoryState, sinceMs: number): AlarmHistoryEntry[] {
  return [...state.alarms.values()]
    .filter((alarm) => Date.parse(alarm.raisedAt) > sinceMs || alarm.clearedAt === undefined)
    .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || a.alertId.localeCompare(b.alertId));
}

import { alarmHistorySince, applyToAlarmHistory, emptyAlarmHistory } from './alarm-history';

const T = Date.parse('2026-12-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

describe('the alarm history across patients', () => {
  const state = emptyAlarmHistory();
  const events = [
    { type: 'SessionStarted', data: { sessionId: 's1', room: 'Room 1', patientPseudonym: 'P-1', at: iso(T - 30 * H) } },
    { type: 'SessionStarted', data: { sessionId: 's2', room: 'Room 2', patientPseudonym: 'P-2', at: iso(T - 2 * H) } },
    { type: 'AlertRaised', data: { sessionId: 's1', alertId: 'old', ruleId: 'spo2-low', title: 'SpO2 low', kind: 'physiological', priority: 'medium', at: iso(T - 26 * H) } },
    { type: 'AlertCleared', data: { sessionId: 's1', alertId: 'old', reason: 'condition-resolved', at: iso(T - 25 * H) } },
    { type: 'AlertRaised', data: { sessionId: 's1', alertId: 'lingering', ruleId: 'bp-check-due', title: 'BP check', kind: 'technical', priority: 'low', at: iso(T - 25 * H) } },
    { type: 'AlertRaised', data: { sessionId: 's2', alertId: 'a', ruleId: 'spo2-low', title: 'SpO2 low', kind: 'physiological', priority: 'medium', at: iso(T - H) } },
    { type: 'AlertEscalated', data: { sessionId: 's2', alertId: 'a', priority: 'high', at: iso(T - H + 120_000) } },
    { type: 'AlertAcknowledged', data: { sessionId: 's2', alertId: 'a', by: 'nurse Kim', at: iso(T - H + 130_000) } },
    { type: 'AlertCleared', data: { sessionId: 's2', alertId: 'a', reason: 'condition-resolved', at: iso(T - H + 300_000) } },
    { type: 'OximetryObserved', data: { sessionId: 's2', spo2: 97 } },
  ];
  for (const event of events) applyToAlarmHistory(state, event);

  it('keeps each alarm with its room, highest priority, acknowledgements (who) and clear', () => {
    expect(state.alarms.get('a')).toEqual({
      alertId: 'a', sessionId: 's2', room: 'Room 2', patientPseudonym: 'P-2', ruleId: 'spo2-low', title: 'SpO2 low', kind: 'physiological', priority: 'high',
      raisedAt: iso(T - H), escalatedAt: iso(T - H + 120_000), acknowledgements: [{ by: 'nurse Kim', at: iso(T - H + 130_000) }],
      clearedAt: iso(T - H + 300_000), clearReason: 'condition-resolved',
    });
  });

  it('lists the last 24 h newest first, and an older alarm only while it is still active', () => {
    expect(alarmHistorySince(state, T - 24 * H).map((a) => a.alertId)).toEqual(['a', 'lingering']);
  });
});

import { alarmHistorySince, applyToAlarmHistory, emptyAlarmHistory } from './alarm-history';

const T = Date.parse('2026-12-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

// Stored events as alerting and the sessions module write them (their schemas: libs/domain).
const started = (sessionId: string, room: string, at: number) => ({
  stream: `session-${sessionId}`, revision: 0, type: 'SessionStarted', data: { sessionId, room, patientPseudonym: `P-${sessionId.slice(1)}`, clinician: 'Dr A', at: iso(at) },
});
const alarm = (sessionId: string, alertId: string, ruleId: string) => ({ sessionId, alertId, ruleId, ruleSetVersion: 'kap-default@1.1.0' });
const raised = (sessionId: string, alertId: string, ruleId: string, title: string, kind: string, priority: string, at: number) => ({
  stream: `alarms-${sessionId}`, revision: 0, type: 'AlertRaised',
  data: { ...alarm(sessionId, alertId, ruleId), title, kind, priority, phase: 'dissociative', minutesSinceDose: 10, measure: 'spo2', comparison: '<', value: 89, threshold: 92, unit: '%', at: iso(at) },
});
const cleared = (sessionId: string, alertId: string, ruleId: string, at: number) => ({
  stream: `alarms-${sessionId}`, revision: 1, type: 'AlertCleared', data: { ...alarm(sessionId, alertId, ruleId), reason: 'condition-resolved', phase: 'recovery', at: iso(at) },
});

describe('the alarm history across patients', () => {
  const state = emptyAlarmHistory();
  const events = [
    started('s1', 'Room 1', T - 30 * H),
    started('s2', 'Room 2', T - 2 * H),
    raised('s1', 'old', 'spo2-low', 'SpO2 low', 'physiological', 'medium', T - 26 * H),
    cleared('s1', 'old', 'spo2-low', T - 25 * H),
    raised('s1', 'lingering', 'bp-check-due', 'BP check', 'technical', 'low', T - 25 * H),
    raised('s2', 'a', 'spo2-low', 'SpO2 low', 'physiological', 'medium', T - H),
    { stream: 'alarms-s2', revision: 1, type: 'AlertEscalated', data: { ...alarm('s2', 'a', 'spo2-low'), priority: 'high', previousPriority: 'medium', phase: 'dissociative', at: iso(T - H + 120_000) } },
    {
      stream: 'alarms-s2', revision: 2, type: 'AlertAcknowledged',
      data: { sessionId: 's2', alertId: 'a', ruleId: 'spo2-low', by: 'nurse Kim', at: iso(T - H + 130_000), audioPausedUntil: iso(T - H + 250_000) },
    },
    cleared('s2', 'a', 'spo2-low', T - H + 300_000),
    { stream: 'vitals-s2', revision: 0, type: 'RuleSetChanged', data: {} },
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

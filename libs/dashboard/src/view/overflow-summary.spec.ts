import { overflowSummary } from './overflow-summary';
import type { AlarmStatus } from './session-status';

const alarm = (alertId: string, priority: AlarmStatus['priority'], measure: string, raisedAt: string): AlarmStatus => ({
  alertId, ruleId: alertId, priority, kind: 'physiological', raisedAt, measure, audioPaused: false,
});

describe('the bar under the wall grid', () => {
  it('counts the sessions below and lists their alarms, worst first, one per problem', () => {
    const summary = overflowSummary([
      { sessionId: 's20', room: 'Room 20', alarms: [alarm('pr', 'medium', 'pulseRate', '2026-12-01T10:00:00Z')] },
      { sessionId: 's21', room: 'Room 21', alarms: [] },
      { sessionId: 's22', room: 'Room 22', alarms: [alarm('low', 'medium', 'spo2', '2026-12-01T10:01:00Z'), alarm('crit', 'high', 'spo2', '2026-12-01T10:02:00Z')] },
    ]);
    expect(summary.count).toBe(3);
    expect(summary.alarms.map((a) => [a.room, a.row.priority, a.row.alarms.length])).toEqual([
      ['Room 22', 'high', 2],
      ['Room 20', 'medium', 1],
    ]);
  });
});

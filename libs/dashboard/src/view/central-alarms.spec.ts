import { centralAlarms } from './central-alarms';
import type { AlarmStatus } from './session-status';

const alarm = (alertId: string, priority: AlarmStatus['priority'], raisedAt: string): AlarmStatus => ({ alertId, ruleId: alertId, priority, kind: 'physiological', raisedAt, audioPaused: false });

describe('the central alarm list', () => {
  it('holds every active alarm across patients, high first, newest first within a priority', () => {
    const list = centralAlarms([
      { sessionId: 's1', room: 'Room 1', patientPseudonym: 'P-1', alarms: [alarm('a', 'medium', '2026-12-01T10:00:00Z'), alarm('b', 'high', '2026-12-01T10:01:00Z')] },
      { sessionId: 's2', room: 'Room 2', patientPseudonym: 'P-2', alarms: [alarm('c', 'high', '2026-12-01T10:02:00Z'), alarm('d', 'low', '2026-12-01T10:03:00Z')] },
      { sessionId: 's3', room: 'Room 3', patientPseudonym: 'P-3', alarms: [] },
    ]);
    expect(list.map((e) => `${e.room}:${e.alarm.alertId}`)).toEqual(['Room 2:c', 'Room 1:b', 'Room 1:a', 'Room 2:d']);
  });
});

import { alarmRowsOf, alarmsToAcknowledge } from './alarm-rows';
import type { AlarmStatus } from './session-status';

const alarm = (alertId: string, ruleId: string, priority: AlarmStatus['priority'], raisedAt: string, extra: Partial<AlarmStatus> = {}): AlarmStatus => ({
  alertId,
  ruleId,
  priority,
  kind: 'physiological',
  raisedAt,
  audioPaused: false,
  ...extra,
});

describe('one alarm row per problem', () => {
  const low = alarm('a-low', 'spo2-low', 'medium', '2026-12-01T10:00:05Z', { measure: 'spo2', value: 89 });
  const critical = alarm('a-crit', 'spo2-critical', 'high', '2026-12-01T10:00:00Z', { measure: 'spo2', value: 86 });
  const pulse = alarm('a-pr', 'pr-high', 'medium', '2026-12-01T09:59:00Z', { measure: 'pulseRate' });
  const lost = alarm('a-lost', 'oximeter-signal-lost', 'medium', '2026-12-01T10:01:00Z', { kind: 'technical', measure: 'secondsWithoutValidOximetry' });
  const noData = alarm('a-none', 'oximeter-no-data', 'high', '2026-12-01T10:02:00Z', { kind: 'technical', measure: 'secondsWithoutValidOximetry' });

  it('groups a desaturation’s two alarms into one SpO₂ row at the highest priority, since the first raise', () => {
    const rows = alarmRowsOf([low, pulse, critical]);
    expect(rows.map((r) => [r.parameter, r.priority, r.alarms.map((a) => a.alertId), r.since])).toEqual([
      ['spo2', 'high', ['a-crit', 'a-low'], '2026-12-01T10:00:00Z'],
      ['pulseRate', 'medium', ['a-pr'], '2026-12-01T09:59:00Z'],
    ]);
  });

  it('puts both oximeter technical alarms in one row; an alarm with no known measure is its own row', () => {
    const legacy = alarm('a-old', 'bp-high', 'medium', '2026-12-01T09:00:00Z');
    expect(alarmRowsOf([lost, noData, legacy]).map((r) => [r.parameter, r.alarms.length])).toEqual([
      ['oximeterSignal', 2],
      ['rule:bp-high', 1],
    ]);
  });

  it('acknowledges every alarm of the row not acknowledged, or whose pause is over, and reports the row acknowledged only when all are', () => {
    const acked = { ...critical, acknowledged: { by: 'Kim', at: '2026-12-01T10:00:30Z' }, audioPaused: true };
    const [row] = alarmRowsOf([acked, low]);
    expect(row!.acknowledged).toBe(false);
    expect(alarmsToAcknowledge(row!).map((a) => a.alertId)).toEqual(['a-low']);
    const pauseOver = { ...acked, audioPaused: false };
    expect(alarmsToAcknowledge(alarmRowsOf([pauseOver, low])[0]!).map((a) => a.alertId)).toEqual(['a-crit', 'a-low']);
  });
});

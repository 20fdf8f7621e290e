import type { AlarmStatus } from '../view/session-status';
import { alarmRowsOf } from '../view/alarm-rows';
import { alarmRowText } from './alarm-row-text';

const at = (iso: string) => Date.parse(iso);
const base = { kind: 'physiological' as const, audioPaused: false };

describe('what an alarm row says', () => {
  it('a desaturation: its title, the value now (not the value at the raise), since when', () => {
    const alarms: AlarmStatus[] = [
      { ...base, alertId: 'a', ruleId: 'spo2-low', title: 'SpO2 low', priority: 'high', escalatedAt: '2026-12-01T10:02:00Z', raisedAt: '2026-12-01T10:00:00Z', measure: 'spo2', value: 83 },
    ];
    const text = alarmRowText(alarmRowsOf(alarms)[0]!, at('2026-12-01T10:05:00Z'), { spo2: 95 });
    expect(text).toMatch(/^SpO2 low · SpO₂ now 95 % · since .+ \(5 min\)$/);
    expect(alarmRowText(alarmRowsOf(alarms)[0]!, at('2026-12-01T10:05:00Z'), {})).toMatch(/SpO₂ now: no current value/);
  });

  it('signal lost, as a person would say it: no signal for the whole gap', () => {
    const alarms: AlarmStatus[] = [
      { ...base, kind: 'technical', alertId: 'b', ruleId: 'oximeter-signal-lost', priority: 'medium', raisedAt: '2026-12-01T10:00:00Z', measure: 'secondsWithoutValidOximetry', value: 20, threshold: 20 },
    ];
    expect(alarmRowText(alarmRowsOf(alarms)[0]!, at('2026-12-01T10:00:05Z'), {})).toMatch(/^Oximeter: no signal for 25 s · since /);
  });
});

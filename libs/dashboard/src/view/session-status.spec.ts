import type { DashboardChange } from '../protocol';
import { sessionStatusAt } from './session-status';
import { at, bloodPressure, cuffBound, dose, given, oximeterBound, oximetry, started } from './given-changes';

const nowAt = (hhmmss: string) => Date.parse(at(hhmmss));
const statusOf = (changes: DashboardChange[], hhmmss: string) => sessionStatusAt(given(...changes).view!, nowAt(hhmmss));

describe('the session status at a moment', () => {
  it('is pre-dose with no dose, then follows the phases of the latest dose (intranasal)', () => {
    expect(statusOf([started], '10:05:00').phase).toBe('pre-dose');
    const dosed = [started, dose(at('10:10:00'))];
    expect(statusOf(dosed, '10:15:00')).toMatchObject({ phase: 'onset', minutesSinceDose: 5 });
    expect(statusOf(dosed, '10:40:00').phase).toBe('dissociative');
    expect(statusOf(dosed, '11:20:00').phase).toBe('recovery');
  });
  it('calls an oximeter silent 10 s after its last reading reached the server', () => {
    const history = [started, oximeterBound, oximetry(at('10:01:00'), 97)];
    expect(statusOf(history, '10:01:10')).toMatchObject({ oximetryCurrent: true, devices: [expect.objectContaining({ signal: 'sending' })] });
    expect(statusOf(history, '10:01:11')).toMatchObject({
      oximetryCurrent: false,
      oximetryAgeMs: 11_000,
      devices: [expect.objectContaining({ signal: 'silent', silentForMs: 11_000 })],
    });
  });
  it('waits for a newly bound device before calling it silent', () => {
    expect(statusOf([started, oximeterBound], '10:00:05').devices[0]?.signal).toBe('waiting');
    expect(statusOf([started, oximeterBound], '10:00:30').devices[0]).toMatchObject({ signal: 'silent', silentForMs: 30_000 });
  });
  it('gives a cuff minutes, not seconds, between readings', () => {
    const history = [started, cuffBound, bloodPressure(at('10:00:00'), 120, 80)];
    expect(statusOf(history, '10:06:00').devices[0]?.signal).toBe('sending');
    expect(statusOf(history, '10:07:00').devices[0]?.signal).toBe('silent');
  });
  it('does not present a sensor-off reading as current', () =>
    expect(statusOf([started, oximeterBound, oximetry(at('10:01:00'), null, null, true)], '10:01:01').oximetryCurrent).toBe(false));
  it('reports the change from the pre-dose baseline', () =>
    expect(
      statusOf([started, cuffBound, bloodPressure(at('10:00:00'), 120, 80), dose(at('10:05:00')), bloodPressure(at('10:30:00'), 158, 99)], '10:30:10')
        .bloodPressureChange,
    ).toEqual({ systolic: 38, diastolic: 19 }));
  it('sounds the highest alarm whose audio is not paused', () => {
    const history: DashboardChange[] = [
      started,
      { type: 'AlertRaised', alertId: 'h', ruleId: 'spo2-low', priority: 'high', kind: 'physiological', at: at('10:01:00') },
      { type: 'AlertRaised', alertId: 'm', ruleId: 'bp-high', priority: 'medium', kind: 'physiological', at: at('10:01:00') },
      { type: 'AlertAcknowledged', alertId: 'h', ruleId: 'spo2-low', by: 'nurse', at: at('10:01:10'), audioPausedUntil: at('10:03:10') },
    ];
    expect(statusOf(history, '10:02:00')).toMatchObject({ highest: 'high', audible: 'medium' });
    expect(statusOf(history, '10:02:00').alarms[0]).toMatchObject({ alertId: 'h', audioPaused: true });
    expect(statusOf(history, '10:03:10')).toMatchObject({ highest: 'high', audible: 'high' });
  });

  // Issue 16, item 1: alarms do not depend on the gateway's clock, but a wrong clock is shown.
  describe('the gateway clock on the device line', () => {
    const via = (gatewayId: string, offsetS: number, receivedAt: string): DashboardChange => ({
      ...(oximetry(new Date(Date.parse(receivedAt) + offsetS * 1000 - 50).toISOString(), 97) as Extract<DashboardChange, { type: 'OximetryObserved' }>),
      receivedAt,
      gatewayId,
    });
    it('names a gateway clock more than 30 s behind, estimated from the fastest reading', () =>
      expect(statusOf([started, oximeterBound, via('gw-1', -62, at('10:01:00')), via('gw-1', -62.5, at('10:01:01'))], '10:01:02').devices[0]).toMatchObject({
        signal: 'sending',
        gatewayClockOffsetMs: 62_050,
      }));
    it('names one running ahead with a negative offset', () =>
      expect(statusOf([started, oximeterBound, via('gw-1', 300, at('10:01:00'))], '10:01:01').devices[0]?.gatewayClockOffsetMs).toBe(-299_950));
    it('says nothing within 30 s', () =>
      expect(statusOf([started, oximeterBound, via('gw-1', -29, at('10:01:00'))], '10:01:01').devices[0]).not.toHaveProperty('gatewayClockOffsetMs'));
    it('follows the device to another gateway', () =>
      expect(statusOf([started, oximeterBound, via('gw-1', -120, at('10:01:00')), via('gw-2', 0, at('10:01:01'))], '10:01:02').devices[0]).not.toHaveProperty('gatewayClockOffsetMs'));
  });
});

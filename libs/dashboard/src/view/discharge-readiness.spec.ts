import type { DashboardChange } from '../protocol';
import { dischargeReadinessAt, type ReadinessPolicy } from './discharge-readiness';
import { at, bloodPressure, cuffBound, dose, given, oximeterBound, oximetry, started } from './given-changes';

const POLICY: ReadinessPolicy = {
  observationMinutes: { ketamine: 120, esketamine: 120 },
  stableMinutes: 15,
  nearBaseline: { systolic: 20, diastolic: 15, spo2: 3, pulseRate: 20 },
  bloodPressureMaxAgeMinutes: 30,
  checkWindow: { startMinutes: 35, endMinutes: 45 },
  thresholds: [
    { measure: 'spo2', op: '<', value: 92 },
    { measure: 'pulseRate', op: '>', value: 120 },
    { measure: 'systolic', op: '>=', value: 160 },
    { measure: 'diastolic', op: '>=', value: 100 },
  ],
};
const esketamine: DashboardChange = { ...(dose(at('10:10:00')) as Extract<DashboardChange, { type: 'DoseAdministered' }>), drug: 'esketamine' };
const ms = (hhmmss: string) => Date.parse(at(hhmmss));

/** 1 Hz oximetry from `from` to `to` (inclusive), skipping [skipFrom, skipTo). */
function oximetryRun(from: string, to: string, skip?: [string, string], spo2 = 97, pulseRate = 76): DashboardChange[] {
  const changes: DashboardChange[] = [];
  for (let t = ms(from); t <= ms(to); t += 1000) {
    if (skip && t >= ms(skip[0]) && t < ms(skip[1])) continue;
    changes.push(oximetry(new Date(t).toISOString(), spo2, pulseRate));
  }
  return changes;
}

const session = (...extra: DashboardChange[]) =>
  given(started, oximeterBound, cuffBound, bloodPressure(at('10:05:00'), 126, 81), esketamine, bloodPressure(at('10:50:00'), 142, 88), ...extra).view!;

describe('discharge readiness', () => {
  describe('given an esketamine session with calm vitals after the dose', () => {
    const view = session(bloodPressure(at('12:00:00'), 128, 82), ...oximetryRun('11:50:00', '12:15:00'));

    it('when 115 minutes have passed, then it waits for the 2-hour observation minimum, and the 40-minute check is done', () => {
      const readiness = dischargeReadinessAt(view, POLICY, ms('12:05:00'))!;
      expect(readiness).toMatchObject({ drug: 'esketamine', ready: false, waitingFor: ['observation minimum (120 min)'], bloodPressureCheck: { state: 'done', at: at('10:50:00') } });
      expect(readiness.minutesUntilMinimum).toBeCloseTo(5);
    });

    it('when 121 minutes have passed, then it is ready for discharge review', () => {
      expect(dischargeReadinessAt(view, POLICY, ms('12:11:00'))).toMatchObject({ ready: true, waitingFor: [], minutesUntilMinimum: 0 });
    });
  });

  it('given an active alarm, then it is not ready', () => {
    const view = session(bloodPressure(at('12:00:00'), 128, 82), ...oximetryRun('11:50:00', '12:15:00'), {
      type: 'AlertRaised', alertId: 'a1', ruleId: 'pr-high', priority: 'medium', kind: 'physiological', phase: 'recovery', at: at('12:10:00'),
    } as DashboardChange);
    expect(dischargeReadinessAt(view, POLICY, ms('12:11:00'))?.waitingFor).toEqual(['no active alarm']);
  });

  it('given a blood pressure still 30 mmHg above baseline, then it waits for blood pressure near baseline', () => {
    const view = session(bloodPressure(at('12:00:00'), 156, 90), ...oximetryRun('11:50:00', '12:15:00'));
    expect(dischargeReadinessAt(view, POLICY, ms('12:11:00'))?.waitingFor).toEqual(['blood pressure near baseline (±20/15)']);
  });

  it('given a minute without oximetry in the last 15 minutes, then it waits for continuous oximetry', () => {
    const view = session(bloodPressure(at('12:00:00'), 128, 82), ...oximetryRun('11:50:00', '12:15:00', ['12:05:00', '12:06:00']));
    expect(dischargeReadinessAt(view, POLICY, ms('12:11:00'))?.waitingFor).toEqual(['continuous oximetry for 15 min']);
  });

  it('given no cuff reading in the last 30 minutes, then it waits for one', () => {
    const view = session(...oximetryRun('11:50:00', '12:15:00'));
    expect(dischargeReadinessAt(view, POLICY, ms('12:11:00'))?.waitingFor).toEqual(['a blood pressure in the last 30 min']);
  });

  it('given no cuff reading 35 to 45 minutes after the dose, then the check is missed once the window has passed', () => {
    const view = given(started, esketamine).view!;
    expect(dischargeReadinessAt(view, POLICY, ms('10:40:00'))?.bloodPressureCheck).toEqual({ state: 'not yet due' });
    expect(dischargeReadinessAt(view, POLICY, ms('10:50:00'))?.bloodPressureCheck).toEqual({ state: 'due' });
    expect(dischargeReadinessAt(view, POLICY, ms('11:00:00'))?.bloodPressureCheck).toEqual({ state: 'missed' });
  });

  it('given no dose, then there is no readiness to show', () => expect(dischargeReadinessAt(given(started).view!, POLICY, ms('10:00:00'))).toBeUndefined());

  describe('given a pre-dose oximetry baseline of SpO2 99 and pulse 70', () => {
    const withBaseline = (spo2: number, pulseRate: number) =>
      given(
        started, oximeterBound, cuffBound, ...oximetryRun('10:05:00', '10:09:59', undefined, 99, 70), bloodPressure(at('10:05:00'), 126, 81), esketamine,
        bloodPressure(at('10:50:00'), 142, 88), bloodPressure(at('12:00:00'), 128, 82), ...oximetryRun('11:50:00', '12:15:00', undefined, spo2, pulseRate),
      ).view!;

    it('keeps the baseline after the trend has moved on', () => expect(withBaseline(98, 72).oximetryBaseline).toEqual({ spo2: 99, pulseRate: 70, readings: 300 }));

    it('when SpO2 is 94, within the thresholds but 5 below baseline, then it waits for SpO2 near baseline', () =>
      expect(dischargeReadinessAt(withBaseline(94, 72), POLICY, ms('12:11:00'))?.waitingFor).toEqual([
        'SpO2 and pulse near baseline (SpO2 at most 3 % below, pulse within ±20/min) for 15 min',
      ]));

    it('when the pulse is still 30 above baseline, then it waits too', () =>
      expect(dischargeReadinessAt(withBaseline(98, 100), POLICY, ms('12:11:00'))?.ready).toBe(false));

    it('when SpO2 is back to 97 and the pulse to 80, then it is ready (a higher SpO2 would be no concern either)', () => {
      expect(dischargeReadinessAt(withBaseline(97, 80), POLICY, ms('12:11:00'))).toMatchObject({ ready: true });
      expect(dischargeReadinessAt(withBaseline(100, 70), POLICY, ms('12:11:00'))).toMatchObject({ ready: true });
    });
  });
});

import { DOSE_ROUTES, type DoseRoute } from '@vigil/domain';
import { createSimulatedPatient } from '../patient/simulated-patient';
import { vitalSignsAt, type VitalSigns } from './vital-signs-model';

const MINUTE = 60;
const PRE_DOSE_SECONDS = 10 * MINUTE;

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

const seriesCache = new Map<string, VitalSigns[]>();

/** Mean of one vital sign over [fromMinute, toMinute) after the dose. */
function meanAfterDose(route: DoseRoute, seed: number, vital: keyof VitalSigns, fromMinute: number, toMinute: number): number {
  const key = `${route}/${seed}`;
  let series = seriesCache.get(key);
  if (!series) {
    const patient = createSimulatedPatient(seed, 1, { route, doseOffsetSeconds: -PRE_DOSE_SECONDS });
    series = Array.from({ length: 120 * MINUTE }, (_, second) => vitalSignsAt(patient, PRE_DOSE_SECONDS + second));
    seriesCache.set(key, series);
  }
  return mean(series.slice(fromMinute * MINUTE, toMinute * MINUTE).map((vitals) => vitals[vital]));
}

describe('vitalSignsAt: the ketamine response by route', () => {
  describe.each(DOSE_ROUTES)('%s', (route) => {
    // Several seeds, so a lucky drift cannot make the test pass.
    const seeds = [1, 2, 3];

    it('raises systolic pressure to its peak about 40 minutes after the dose', () => {
      for (const seed of seeds) {
        const patient = createSimulatedPatient(seed, 1, { route, doseOffsetSeconds: -PRE_DOSE_SECONDS });
        const fiveMinuteMeans = Array.from({ length: 24 }, (_, block) =>
          meanAfterDose(route, seed, 'systolic', block * 5, block * 5 + 5),
        );
        const peakBlock = fiveMinuteMeans.indexOf(Math.max(...fiveMinuteMeans));
        // The block containing minute 40 or one of its neighbours (drift is ±3 mmHg).
        expect([7, 8, 9]).toContain(peakBlock);
        expect(meanAfterDose(route, seed, 'systolic', 38, 42) - patient.profile.baseline.systolic).toBeCloseTo(
          patient.profile.response.systolic,
          -1,
        );
      }
    });

    it('returns blood pressure and pulse toward baseline by 100 minutes', () => {
      for (const seed of seeds) {
        const { baseline, response } = createSimulatedPatient(seed, 1, { route }).profile;
        const peakSystolic = meanAfterDose(route, seed, 'systolic', 38, 42);
        const lateSystolic = meanAfterDose(route, seed, 'systolic', 100, 110);
        expect(Math.abs(lateSystolic - baseline.systolic)).toBeLessThan(3);
        expect(peakSystolic - lateSystolic).toBeGreaterThan(response.systolic - 4);
        expect(Math.abs(meanAfterDose(route, seed, 'diastolic', 100, 110) - baseline.diastolic)).toBeLessThan(2.5);
        expect(Math.abs(meanAfterDose(route, seed, 'heartRate', 100, 110) - baseline.heartRate)).toBeLessThan(3);
      }
    });
  });

  it('leaves a patient at baseline before the dose', () => {
    const patient = createSimulatedPatient(11, 1, { route: 'intravenous', doseOffsetSeconds: -60 * MINUTE });
    const before = Array.from({ length: 50 * MINUTE }, (_, second) => vitalSignsAt(patient, second).systolic);
    expect(Math.abs(mean(before) - patient.profile.baseline.systolic)).toBeLessThan(2);
    expect(Math.max(...before) - patient.profile.baseline.systolic).toBeLessThanOrEqual(3);
  });

  it('uses the clinical means for the average response (SBP +12.6, DBP +8.5, HR +4.1)', () => {
    const responses = Array.from({ length: 400 }, (_, index) => createSimulatedPatient(99, index + 1).profile.response);
    expect(mean(responses.map((response) => response.systolic))).toBeGreaterThan(11);
    expect(mean(responses.map((response) => response.systolic))).toBeLessThan(17);
    expect(mean(responses.map((response) => response.diastolic))).toBeGreaterThan(7.5);
    expect(mean(responses.map((response) => response.diastolic))).toBeLessThan(11.5);
    expect(mean(responses.map((response) => response.heartRate))).toBeGreaterThan(3.5);
    expect(mean(responses.map((response) => response.heartRate))).toBeLessThan(6);
  });
});

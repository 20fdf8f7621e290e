import { createSimulatedPatient, type SimulatedPatient } from '../patient/simulated-patient';
import { bloodPressureAt } from '../readings/blood-pressure-reading';
import { isBloodPressureDue } from '../readings/blood-pressure-schedule';
import { oximetryAt } from '../readings/oximetry-reading';

/** Longest run of consecutive seconds with SpO2 ≤ `ceiling`, and where it started. */
function longestLowRun(patient: SimulatedPatient, ceiling: number, seconds: number): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  let start = -1;
  for (let second = 0; second <= seconds; second++) {
    const spo2 = second < seconds ? oximetryAt(patient, second).spo2 : null;
    const low = spo2 !== null && spo2 <= ceiling;
    if (low && start < 0) start = second;
    if (!low && start >= 0) {
      if (second - start > best.length) best = { start, length: second - start };
      start = -1;
    }
  }
  return best;
}

describe('adverse events', () => {
  describe.each([1, 2, 3, 42])('seed %i', (seed) => {
    it('desaturates to 82–86% for over a minute when scheduled', () => {
      const patient = createSimulatedPatient(seed, 2, { desaturationAt: 45 });
      const run = longestLowRun(patient, 87, 600);
      expect(run.length).toBeGreaterThanOrEqual(60);
      expect(run.start).toBeGreaterThanOrEqual(45);
      expect(run.start).toBeLessThan(45 + 25);
      const nadir = Math.min(...Array.from({ length: 120 }, (_, index) => oximetryAt(patient, 45 + index).spo2 ?? 100));
      expect(nadir).toBeGreaterThanOrEqual(81);
      expect(nadir).toBeLessThanOrEqual(87);
      expect(oximetryAt(patient, 45 + 600).spo2).toBeGreaterThanOrEqual(92);
    });

    it('does not desaturate when nothing is scheduled', () => {
      expect(longestLowRun(createSimulatedPatient(seed, 2), 90, 3600).length).toBeLessThan(10);
    });

    it('surges to ≥185/≥112 when scheduled, and a cuff reading catches it', () => {
      const patient = createSimulatedPatient(seed, 3, { surgeAt: 60 });
      const cuffSeconds = Array.from({ length: 300 }, (_, second) => second).filter((second) => isBloodPressureDue(patient, second));
      const surgeReadings = cuffSeconds.map((second) => bloodPressureAt(patient, second)).filter((reading) => reading.systolic >= 185);
      expect(surgeReadings.length).toBeGreaterThan(0);
      expect(surgeReadings[0]?.second).toBeLessThan(60 + 120);
      expect(surgeReadings[0]?.diastolic).toBeGreaterThanOrEqual(112);
    });

    it('keeps blood pressure well under surge levels when nothing is scheduled', () => {
      const patient = createSimulatedPatient(seed, 3, { doseOffsetSeconds: 0 });
      const systolic = Array.from({ length: 24 }, (_, index) => bloodPressureAt(patient, index * 300).systolic);
      expect(Math.max(...systolic)).toBeLessThan(180);
    });
  });
});

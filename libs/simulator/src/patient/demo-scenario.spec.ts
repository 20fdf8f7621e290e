import { bloodPressureAt } from '../readings/blood-pressure-reading';
import { isBloodPressureDue } from '../readings/blood-pressure-schedule';
import { oximetryAt } from '../readings/oximetry-reading';
import { ROUTE_PHARMACOLOGY } from './route-pharmacology';
import { demoScenario } from './demo-scenario';
import { createSimulatedPatient } from './simulated-patient';

const patientsFor = (seed: number) => demoScenario().map((scenario, index) => createSimulatedPatient(seed, index + 1, scenario));

describe('demoScenario', () => {
  it('puts eight patients in every phase: pre-dose, onset, dissociative window, recovery', () => {
    const phases = patientsFor(1).map((patient) => {
      const sinceDose = patient.doseOffsetSeconds;
      if (sinceDose < 0) return 'pre-dose';
      if (sinceDose < 20 * 60 && sinceDose >= ROUTE_PHARMACOLOGY[patient.profile.route].onsetSeconds) return 'onset';
      if (sinceDose < 60 * 60) return 'dissociative';
      return 'recovery';
    });
    expect(phases).toHaveLength(8);
    expect(new Set(phases)).toEqual(new Set(['pre-dose', 'onset', 'dissociative', 'recovery']));
  });

  describe.each([1, 2, 7, 1234])('seed %i', (seed) => {
    it('desaturates patient 2 below 90% within the first 30 s, for over a minute', () => {
      const patient = patientsFor(seed)[1];
      if (!patient) throw new Error('no patient 2');
      const spo2 = Array.from({ length: 180 }, (_, second) => oximetryAt(patient, second).spo2);
      const firstLow = spo2.findIndex((value) => value !== null && value < 90);
      expect(firstLow).toBeGreaterThanOrEqual(0);
      expect(firstLow).toBeLessThanOrEqual(30);
      expect(spo2.slice(firstLow, firstLow + 60).every((value) => value !== null && value < 90)).toBe(true);
      expect(Math.min(...spo2.map((value) => value ?? 100))).toBeLessThanOrEqual(86);
    });

    it('shows patient 3 at ≥185/≥112 on a cuff reading within the first two minutes', () => {
      const patient = patientsFor(seed)[2];
      if (!patient) throw new Error('no patient 3');
      const readings = Array.from({ length: 120 }, (_, second) => second)
        .filter((second) => isBloodPressureDue(patient, second))
        .map((second) => bloodPressureAt(patient, second));
      expect(readings.some((reading) => reading.systolic >= 185 && reading.diastolic >= 112)).toBe(true);
    });
  });

  it('repeats the phases without adverse events beyond eight patients', () => {
    const scenarios = demoScenario(20);
    expect(scenarios).toHaveLength(20);
    expect(scenarios.slice(8).some((scenario) => scenario.desaturationAt !== undefined || scenario.surgeAt !== undefined)).toBe(false);
    expect(scenarios[9]?.doseOffsetSeconds).toBe(scenarios[1]?.doseOffsetSeconds);
  });
});

import { createSimulatedPatient } from '../patient/simulated-patient';
import { isBloodPressureDue } from './blood-pressure-schedule';

const MINUTE = 60;
const dueSeconds = (patient: Parameters<typeof isBloodPressureDue>[0], until: number): number[] =>
  Array.from({ length: until }, (_, second) => second).filter((second) => isBloodPressureDue(patient, second));

describe('blood pressure schedule', () => {
  it('takes a reading every 5 minutes from the start, plus one 40 minutes after the dose', () => {
    // Dose given 100 s before the start: 40 min after it is second 2300.
    const patient = createSimulatedPatient(1, 1, { doseOffsetSeconds: 100 });
    expect(dueSeconds(patient, 61 * MINUTE)).toEqual([0, 300, 600, 900, 1200, 1500, 1800, 2100, 2300, 2400, 2700, 3000, 3300, 3600]);
  });

  it('places the 40-minute reading after a dose that is still to come', () => {
    const patient = createSimulatedPatient(1, 1, { doseOffsetSeconds: -7 * MINUTE - 30 });
    expect(dueSeconds(patient, 60 * MINUTE)).toContain(47 * MINUTE + 30);
  });

  it('does not double a reading when the 40-minute check falls on the 5-minute grid', () => {
    const patient = createSimulatedPatient(1, 1, { doseOffsetSeconds: 10 * MINUTE });
    expect(dueSeconds(patient, 31 * MINUTE)).toEqual([0, 300, 600, 900, 1200, 1500, 1800]);
  });

  it('skips the 40-minute check when it was before the simulation started', () => {
    const patient = createSimulatedPatient(1, 1, { doseOffsetSeconds: 50 * MINUTE + 7 });
    expect(dueSeconds(patient, 30 * MINUTE).every((second) => second % 300 === 0)).toBe(true);
  });

  it('adds a confirming reading once a hypertensive surge has peaked', () => {
    const patient = createSimulatedPatient(1, 1, { doseOffsetSeconds: 50 * MINUTE, surgeAt: 30 });
    expect(dueSeconds(patient, 301)).toEqual([0, 90, 300]);
  });
});

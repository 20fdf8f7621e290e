import { createSimulatedPatient } from '../patient/simulated-patient';
import { readingsForSecond } from './readings-for-second';

const HOUR = 3600;

const readingsOf = (seed: number, patientNumber: number, seconds: number) => {
  const patient = createSimulatedPatient(seed, patientNumber);
  return Array.from({ length: seconds }, (_, second) => readingsForSecond(patient, second)).flat();
};

describe('readingsForSecond: determinism', () => {
  it('gives identical readings for the same seed', () => {
    expect(readingsOf(7, 2, HOUR)).toEqual(readingsOf(7, 2, HOUR));
  });

  it('gives different patients and readings for different seeds', () => {
    expect(createSimulatedPatient(7, 2).profile).not.toEqual(createSimulatedPatient(8, 2).profile);
    const a = readingsOf(7, 2, 600);
    const b = readingsOf(8, 2, 600);
    const differing = a.filter((reading, index) => JSON.stringify(reading) !== JSON.stringify(b[index]));
    expect(differing.length).toBeGreaterThan(500);
  });

  it('gives different patients within one seed', () => {
    expect(createSimulatedPatient(7, 1).profile).not.toEqual(createSimulatedPatient(7, 2).profile);
  });

  it('does not depend on the order in which seconds are sampled', () => {
    const patient = createSimulatedPatient(3, 4, { desaturationAt: 100, surgeAt: 400 });
    const forward = Array.from({ length: 900 }, (_, second) => readingsForSecond(patient, second));
    const backward = Array.from({ length: 900 }, (_, index) => readingsForSecond(patient, 899 - index)).reverse();
    expect(backward).toEqual(forward);
  });

  it('reports oximetry every second and a cuff reading only when one is due', () => {
    const readings = readingsOf(5, 1, 901);
    expect(readings.filter((reading) => reading.kind === 'oximetry')).toHaveLength(901);
    const cuffSeconds = readings.filter((reading) => reading.kind === 'bloodPressure').map((reading) => reading.second);
    expect(cuffSeconds).toEqual(expect.arrayContaining([0, 300, 600, 900]));
  });
});

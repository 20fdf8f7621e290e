import { DOSE_ROUTES } from '@vigil/domain';
import { drawPatientProfile } from './patient-profile';
import { ROUTE_PHARMACOLOGY } from './route-pharmacology';
import { createSimulatedPatient } from './simulated-patient';

describe('drawPatientProfile', () => {
  const profiles = Array.from({ length: 500 }, (_, index) => drawPatientProfile(17, index + 1));

  it('draws resting vitals in the ranges of a healthy adult', () => {
    for (const { baseline } of profiles) {
      expect(baseline.spo2).toBeGreaterThanOrEqual(95);
      expect(baseline.spo2).toBeLessThanOrEqual(99);
      expect(baseline.heartRate).toBeGreaterThanOrEqual(60);
      expect(baseline.heartRate).toBeLessThanOrEqual(90);
      expect(baseline.systolic).toBeGreaterThanOrEqual(110);
      expect(baseline.systolic).toBeLessThanOrEqual(135);
      expect(baseline.diastolic).toBeGreaterThanOrEqual(70);
      expect(baseline.diastolic).toBeLessThanOrEqual(85);
    }
  });

  it('uses all five routes with a dose in 5 mg steps within the route’s range', () => {
    expect(new Set(profiles.map((profile) => profile.route))).toEqual(new Set(DOSE_ROUTES));
    for (const { route, doseMg } of profiles) {
      expect(doseMg % 5).toBe(0);
      expect(doseMg).toBeGreaterThanOrEqual(ROUTE_PHARMACOLOGY[route].doseMg.min);
      expect(doseMg).toBeLessThanOrEqual(ROUTE_PHARMACOLOGY[route].doseMg.max);
    }
  });

  it('is a function of (seed, patient number)', () => {
    expect(drawPatientProfile(17, 3)).toEqual(drawPatientProfile(17, 3));
    expect(drawPatientProfile(17, 3)).not.toEqual(drawPatientProfile(18, 3));
  });
});

describe('createSimulatedPatient', () => {
  it('names rooms, pseudonyms and devices from the seed and number', () => {
    expect(createSimulatedPatient(42, 3)).toEqual(
      expect.objectContaining({ room: 'Room 3', pseudonym: 'Patient-42-3', oximeterId: 'ox-42-3', cuffId: 'bp-42-3' }),
    );
  });

  it('splits patients between the decoded and the raw-GATT gateway profiles', () => {
    expect([1, 2, 3, 4].map((number) => createSimulatedPatient(1, number).gatewayProfile)).toEqual([
      'decoded',
      'raw-gatt',
      'decoded',
      'raw-gatt',
    ]);
  });

  it('applies a scenario’s route (with a dose for that route) and dose time', () => {
    const patient = createSimulatedPatient(1, 1, { route: 'intravenous', doseOffsetSeconds: -120 });
    expect(patient.profile.route).toBe('intravenous');
    expect(patient.profile.doseMg).toBeLessThanOrEqual(ROUTE_PHARMACOLOGY.intravenous.doseMg.max);
    expect(patient.doseOffsetSeconds).toBe(-120);
  });

  it('without a scenario, doses within the first ten minutes', () => {
    for (let number = 1; number <= 50; number++) {
      const { doseOffsetSeconds } = createSimulatedPatient(5, number);
      expect(doseOffsetSeconds).toBeLessThanOrEqual(0);
      expect(doseOffsetSeconds).toBeGreaterThanOrEqual(-600);
    }
  });

  it('refuses a scenario with an event at a fractional or negative second', () => {
    expect(() => createSimulatedPatient(1, 4, { surgeAt: -1 })).toThrow('Scenario for patient 4: surgeAt = -1');
    expect(() => createSimulatedPatient(1, 4, { desaturationAt: 2.5 })).toThrow('desaturationAt');
  });
});

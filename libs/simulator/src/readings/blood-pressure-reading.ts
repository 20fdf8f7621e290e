import type { SimulatedPatient } from '../patient/simulated-patient';
import { vitalSignsAt } from '../physiology/vital-signs-model';
import { measurementNoise } from '../random/smooth-noise';
import type { SimulatedBloodPressure } from './simulated-reading';

/** Oscillometric cuffs repeat to within a few mmHg; ±3 keeps a surge reading above its threshold. */
const CUFF_NOISE = { standardDeviation: 2, limit: 3 } as const;

export function bloodPressureAt(patient: SimulatedPatient, second: number): SimulatedBloodPressure {
  const { seed, number } = patient;
  const vitals = vitalSignsAt(patient, second);
  const noise = (channel: string): number =>
    measurementNoise(seed, `${channel}-${number}`, second, CUFF_NOISE.standardDeviation, CUFF_NOISE.limit);
  const systolic = Math.round(vitals.systolic + noise('cuff-systolic'));
  const diastolic = Math.round(vitals.diastolic + noise('cuff-diastolic'));
  return {
    kind: 'bloodPressure',
    second,
    systolic,
    diastolic,
    // The usual estimate MAP ≈ DBP + (SBP − DBP) / 3, as cuffs that report MAP derive it.
    meanArterialPressure: Math.round(diastolic + (systolic - diastolic) / 3),
    pulseRate: Math.round(vitals.heartRate + noise('cuff-pulse')),
  };
}

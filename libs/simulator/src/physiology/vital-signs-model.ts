import { clamp } from '../clamp';
import { secondsSinceDose, type SimulatedPatient } from '../patient/simulated-patient';
import { smoothNoise } from '../random/smooth-noise';
import { desaturationWeight, surgeWeight } from './adverse-events';
import { ketamineResponseFraction } from './ketamine-response';

/** The patient's true state at one second, before any device measures it. */
export type VitalSigns = {
  spo2: number;
  heartRate: number;
  systolic: number;
  diastolic: number;
  perfusionIndex: number;
};

/**
 * Slow physiological wander around baseline (amplitude, knot spacing in seconds). Pulse varies
 * over tens of seconds, blood pressure over minutes; SpO2 in a healthy adult barely moves.
 */
const DRIFT = {
  spo2: { amplitude: 0.7, knotSeconds: 45 },
  heartRate: { amplitude: 3, knotSeconds: 20 },
  systolic: { amplitude: 3, knotSeconds: 180 },
  diastolic: { amplitude: 2, knotSeconds: 180 },
  perfusionIndex: { amplitude: 0.15, knotSeconds: 30 },
} as const;

/**
 * Pulse rises during hypoxaemia and during a hypertensive surge (a sympathetic response); the
 * sizes are illustrative, chosen to be visible on the dashboard, not taken from a source.
 */
const HEART_RATE_RISE = { desaturation: 8, surge: 12 } as const;

export function vitalSignsAt(patient: SimulatedPatient, second: number): VitalSigns {
  const { baseline, response, route } = patient.profile;
  const drift = (channel: keyof typeof DRIFT): number =>
    DRIFT[channel].amplitude * smoothNoise(patient.seed, `${channel}-drift-${patient.number}`, second, DRIFT[channel].knotSeconds);
  const ketamine = ketamineResponseFraction(route, secondsSinceDose(patient, second));

  let spo2 = baseline.spo2 + drift('spo2');
  let heartRate = baseline.heartRate + ketamine * response.heartRate + drift('heartRate');
  let systolic = baseline.systolic + ketamine * response.systolic + drift('systolic');
  let diastolic = baseline.diastolic + ketamine * response.diastolic + drift('diastolic');

  if (patient.desaturation) {
    const weight = desaturationWeight(patient.desaturation, second);
    spo2 = spo2 * (1 - weight) + patient.desaturation.nadirSpo2 * weight;
    heartRate += HEART_RATE_RISE.desaturation * weight;
  }
  if (patient.surge) {
    const weight = surgeWeight(patient.surge, second);
    systolic = systolic * (1 - weight) + patient.surge.peakSystolic * weight;
    diastolic = diastolic * (1 - weight) + patient.surge.peakDiastolic * weight;
    heartRate += HEART_RATE_RISE.surge * weight;
  }

  return {
    spo2: clamp(spo2, 0, 100),
    heartRate,
    systolic,
    diastolic,
    perfusionIndex: baseline.perfusionIndex * (1 + drift('perfusionIndex')),
  };
}

import type { SimulatedPatient } from '../patient/simulated-patient';
import { surgeConfirmationSecond } from '../physiology/adverse-events';
import { RESPONSE_PEAK_SECONDS } from '../physiology/ketamine-response';

/** A routine cuff reading every 5 minutes from the start of monitoring (the schedule). */
export const BLOOD_PRESSURE_INTERVAL_SECONDS = 5 * 60;

/**
 * The esketamine label asks for BP "around 40 minutes post-dose", and the REMS monitoring form has
 * a field for it (docs/clinical-sources.md §1.2): the expected peak of the response (§1.4).
 */
export const POST_DOSE_CHECK_SECONDS = RESPONSE_PEAK_SECONDS;

/** Simulation second of the 40-minute post-dose reading (may be negative: already past). */
export const postDoseCheckSecond = (patient: SimulatedPatient): number =>
  Math.round(POST_DOSE_CHECK_SECONDS - patient.doseOffsetSeconds);

export function isBloodPressureDue(patient: SimulatedPatient, second: number): boolean {
  if (second < 0) return false;
  return (
    second % BLOOD_PRESSURE_INTERVAL_SECONDS === 0 ||
    second === postDoseCheckSecond(patient) ||
    (patient.surge !== undefined && second === surgeConfirmationSecond(patient.surge))
  );
}

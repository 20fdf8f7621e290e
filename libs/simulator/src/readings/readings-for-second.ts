import type { SimulatedPatient } from '../patient/simulated-patient';
import { bloodPressureAt } from './blood-pressure-reading';
import { isBloodPressureDue } from './blood-pressure-schedule';
import { oximetryAt } from './oximetry-reading';
import type { SimulatedReading } from './simulated-reading';

/** Everything a patient's devices report during simulation second `second`: 1 Hz oximetry, and a cuff reading when one is due. */
export function readingsForSecond(patient: SimulatedPatient, second: number): SimulatedReading[] {
  const oximetry = oximetryAt(patient, second);
  return isBloodPressureDue(patient, second) ? [oximetry, bloodPressureAt(patient, second)] : [oximetry];
}

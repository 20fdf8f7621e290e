import { clamp } from '../clamp';
import { DOSE_ROUTES, type DoseRoute } from '@vigil/domain';
import { RandomStream } from '../random/seeded-random';
import { ROUTE_PHARMACOLOGY } from './route-pharmacology';

/** Who a simulated patient is: their resting vitals, their dose, and how strongly they respond. */
export type PatientProfile = {
  baseline: {
    spo2: number;
    heartRate: number;
    systolic: number;
    diastolic: number;
    /** Pulse amplitude / perfusion index, % (typical finger values 1–5). */
    perfusionIndex: number;
  };
  route: DoseRoute;
  doseMg: number;
  /** Rise above baseline at the peak of the ketamine response. */
  response: { systolic: number; diastolic: number; heartRate: number };
};

/**
 * Draws a profile for patient `patientNumber` (1-based) of the run seeded with `seed`.
 * Response sizes follow the Vankawala 2021 meta-analysis means (docs/clinical-sources.md §2.1:
 * SBP +12.6, DBP +8.5, HR +4.1) with spreads taken from the Yale chart review (SBP SD 11.2,
 * DBP SD 8.5), narrowed so that most patients stay in the usual range. About one patient in ten
 * is a strong responder, as the esketamine label reports 8–19% with a rise of ≥40 mmHg systolic
 * or ≥25 diastolic (§1.4); their rise stays just under those marks so that only a scheduled
 * surge (see adverse-events.ts) crosses hypertensive alert thresholds on purpose.
 */
export function drawPatientProfile(seed: number, patientNumber: number): PatientProfile {
  const random = RandomStream.of(seed, 'patient-profile', patientNumber);
  const systolic = Math.round(random.between(110, 135));
  const diastolic = Math.round(clamp(random.between(70, 85), 70, systolic - 30));
  const route = random.pick(DOSE_ROUTES);
  const { min, max } = ROUTE_PHARMACOLOGY[route].doseMg;
  const strongResponder = random.chance(0.1);
  const response = strongResponder
    ? {
        systolic: random.between(25, 38),
        diastolic: random.between(15, 23),
        heartRate: random.between(6, 12),
      }
    : {
        systolic: clamp(random.normal(12.6, 6), 2, 30),
        diastolic: clamp(random.normal(8.5, 4), 1, 20),
        heartRate: clamp(random.normal(4.1, 2.5), 0, 10),
      };
  return {
    baseline: {
      spo2: random.between(95, 99),
      heartRate: random.between(60, 90),
      systolic,
      diastolic,
      perfusionIndex: random.between(1.5, 5),
    },
    route,
    // Doses come in 5 mg steps (lozenges, syringes and sprays are not dosed to the milligram).
    doseMg: Math.round(random.between(min, max) / 5) * 5,
    response,
  };
}

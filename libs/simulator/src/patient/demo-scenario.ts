import type { PatientScenario } from './patient-scenario';

const MINUTE = 60;

/**
 * Eight patients spread over the phases of a session (pre-dose, onset, dissociative window,
 * recovery) so a dashboard shows every state at once, with two adverse events early enough to see
 * during a short demo: patient 2 desaturates from second 10 (below 90% within ~20 s), patient 3
 * surges from second 30 (an extra cuff reading at second 90 shows ≥185/≥112).
 */
const DEMO_PATIENTS: readonly PatientScenario[] = [
  { route: 'sublingual', doseOffsetSeconds: -3 * MINUTE }, // pre-dose: dose due in 3 min
  { route: 'intranasal', doseOffsetSeconds: 12 * MINUTE, desaturationAt: 10 }, // onset
  { route: 'intramuscular', doseOffsetSeconds: 25 * MINUTE, surgeAt: 30 }, // dissociative, response rising
  { route: 'oral', doseOffsetSeconds: 38 * MINUTE }, // dissociative, near the 40-min peak
  { route: 'intravenous', doseOffsetSeconds: 70 * MINUTE }, // recovery
  { route: 'sublingual', doseOffsetSeconds: -12 * MINUTE }, // pre-dose: baseline readings
  { route: 'intramuscular', doseOffsetSeconds: 7 * MINUTE }, // onset
  { route: 'intranasal', doseOffsetSeconds: 95 * MINUTE }, // late recovery, near baseline
];

/** Scenarios for `count` patients: the eight above, then the same phases again without adverse events. */
export function demoScenario(count = DEMO_PATIENTS.length): PatientScenario[] {
  return Array.from({ length: count }, (_, index) => {
    const template: PatientScenario = DEMO_PATIENTS[index % DEMO_PATIENTS.length] ?? {};
    if (index < DEMO_PATIENTS.length) return { ...template };
    const { desaturationAt: _desaturation, surgeAt: _surge, ...phaseOnly } = template;
    return phaseOnly;
  });
}

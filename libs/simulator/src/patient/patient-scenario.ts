import type { DoseRoute } from '@vigil/domain';

/**
 * Where a caller wants a patient to be when the simulation starts. Every field is optional; what
 * is left out comes from the seed.
 */
export type PatientScenario = {
  /**
   * The dose was given this many seconds before the simulation starts; negative means it will be
   * given that many seconds after the start (the patient starts pre-dose).
   */
  doseOffsetSeconds?: number;
  /** Overrides the route drawn from the seed (the dose is then drawn for this route). */
  route?: DoseRoute;
  /** Second of the simulation at which a desaturation starts. */
  desaturationAt?: number;
  /** Second of the simulation at which a hypertensive surge starts. */
  surgeAt?: number;
};

export class InvalidScenarioError extends Error {
  constructor(
    readonly patientNumber: number,
    readonly field: keyof PatientScenario,
    readonly value: unknown,
    reason: string,
  ) {
    super(`Scenario for patient ${patientNumber}: ${field} = ${JSON.stringify(value)} ${reason}`);
    this.name = 'InvalidScenarioError';
  }
}

export function validateScenario(patientNumber: number, scenario: PatientScenario): PatientScenario {
  if (scenario.doseOffsetSeconds !== undefined && !Number.isFinite(scenario.doseOffsetSeconds)) {
    throw new InvalidScenarioError(patientNumber, 'doseOffsetSeconds', scenario.doseOffsetSeconds, 'is not a finite number');
  }
  for (const field of ['desaturationAt', 'surgeAt'] as const) {
    const at = scenario[field];
    if (at !== undefined && !(Number.isInteger(at) && at >= 0)) {
      throw new InvalidScenarioError(patientNumber, field, at, 'must be a whole second ≥ 0');
    }
  }
  return scenario;
}

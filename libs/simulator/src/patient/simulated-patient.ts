import { ROUTE_PHARMACOLOGY } from './route-pharmacology';
import { drawPatientProfile, type PatientProfile } from './patient-profile';
import { validateScenario, type PatientScenario } from './patient-scenario';
import {
  drawDesaturation,
  drawHypertensiveSurge,
  type Desaturation,
  type HypertensiveSurge,
} from '../physiology/adverse-events';
import { RandomStream } from '../random/seeded-random';

/**
 * How a patient's devices reach the server. One gateway token posts every patient, but half of
 * the patients' devices behave like a gateway that forwards raw GATT values (`kind: "gatt"`,
 * 2A5F / 2A35 hex) and half like one that decodes on the gateway, so both ingest paths carry
 * traffic in every run (odd patient numbers decoded, even numbers raw).
 */
export type GatewayProfile = 'decoded' | 'raw-gatt';

export type SimulatedPatient = {
  seed: number;
  /** 1-based; names the room, the pseudonym and the devices. */
  number: number;
  room: string;
  /** Deliberately unlike a person's name, so simulated data is never mistaken for real data. */
  pseudonym: string;
  oximeterId: string;
  cuffId: string;
  gatewayProfile: GatewayProfile;
  profile: PatientProfile;
  /** The dose was given this many seconds before the simulation started (negative: after). */
  doseOffsetSeconds: number;
  desaturation?: Desaturation;
  surge?: HypertensiveSurge;
};

/** Without a scenario the dose falls in the first ten minutes, after a pre-dose baseline. */
const DEFAULT_DOSE_DELAY_SECONDS = { min: 0, max: 600 };

export function createSimulatedPatient(seed: number, number: number, scenario: PatientScenario = {}): SimulatedPatient {
  validateScenario(number, scenario);
  const drawn = drawPatientProfile(seed, number);
  const profile = scenario.route && scenario.route !== drawn.route ? withRoute(drawn, scenario.route, seed, number) : drawn;
  const doseOffsetSeconds =
    scenario.doseOffsetSeconds ??
    -RandomStream.of(seed, 'dose-delay', number).integerBetween(DEFAULT_DOSE_DELAY_SECONDS.min, DEFAULT_DOSE_DELAY_SECONDS.max);
  return {
    seed,
    number,
    room: `Room ${number}`,
    pseudonym: `Patient-${seed}-${number}`,
    oximeterId: `ox-${seed}-${number}`,
    cuffId: `bp-${seed}-${number}`,
    gatewayProfile: number % 2 === 1 ? 'decoded' : 'raw-gatt',
    profile,
    doseOffsetSeconds,
    ...(scenario.desaturationAt !== undefined && {
      desaturation: drawDesaturation(seed, number, scenario.desaturationAt),
    }),
    ...(scenario.surgeAt !== undefined && { surge: drawHypertensiveSurge(seed, number, scenario.surgeAt) }),
  };
}

function withRoute(profile: PatientProfile, route: PatientProfile['route'], seed: number, number: number): PatientProfile {
  const { min, max } = ROUTE_PHARMACOLOGY[route].doseMg;
  const doseMg = Math.round(RandomStream.of(seed, 'dose-for-route', number).between(min, max) / 5) * 5;
  return { ...profile, route, doseMg };
}

/** Seconds since the dose at simulation second `second` (negative before the dose). */
export const secondsSinceDose = (patient: SimulatedPatient, second: number): number =>
  second + patient.doseOffsetSeconds;

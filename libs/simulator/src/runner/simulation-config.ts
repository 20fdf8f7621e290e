import { idProblem } from '@vigil/domain';
import type { PatientScenario } from '../patient/patient-scenario';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../http/retry-policy';

export type SimulationConfig = {
  baseUrl: string;
  token: string;
  /** A signed-in staff account's bearer token (POST /api/v1/auth/sign-in), for the session set-up calls. */
  staffToken?: string;
  gatewayId: string;
  seed: number;
  sessions: number;
  /** Per-patient scenarios by position; patients beyond the list get everything from the seed. */
  scenarios?: readonly PatientScenario[];
  /** Seconds of simulated time to produce; undefined runs until stopped. */
  durationSeconds?: number;
  /** Seconds of simulated time per wall-clock second. */
  rate: number;
  endSessions: boolean;
  retry?: RetryPolicy;
  summaryIntervalMs?: number;
};

export const SIMULATION_DEFAULTS = {
  baseUrl: 'http://127.0.0.1:3000',
  gatewayId: 'sim-gateway-1',
  seed: 1,
  sessions: 8,
  rate: 1,
  retry: DEFAULT_RETRY_POLICY,
  summaryIntervalMs: 10_000,
} as const;

export class InvalidSimulationConfigError extends Error {
  constructor(
    readonly field: keyof SimulationConfig,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`${field} = ${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidSimulationConfigError';
  }
}

export function validateSimulationConfig(config: SimulationConfig): void {
  if (config.token.trim().length === 0) throw new InvalidSimulationConfigError('token', '', 'a gateway token is required');
  const gatewayIdProblem = idProblem('gatewayId', config.gatewayId);
  if (gatewayIdProblem !== undefined) throw new InvalidSimulationConfigError('gatewayId', config.gatewayId, gatewayIdProblem.replace(/^gatewayId /, ''));
  if (!/^https?:\/\/[^/]/.test(config.baseUrl)) throw new InvalidSimulationConfigError('baseUrl', config.baseUrl, 'must be an http(s) URL');
  if (!(Number.isSafeInteger(config.seed) && config.seed >= 0 && config.seed <= 0xffffffff)) {
    throw new InvalidSimulationConfigError('seed', config.seed, 'must be a whole number from 0 to 4294967295');
  }
  if (!(Number.isSafeInteger(config.sessions) && config.sessions >= 1)) {
    throw new InvalidSimulationConfigError('sessions', config.sessions, 'must be a whole number ≥ 1');
  }
  if (!(Number.isFinite(config.rate) && config.rate > 0)) throw new InvalidSimulationConfigError('rate', config.rate, 'must be a number > 0');
  const duration = config.durationSeconds;
  if (duration !== undefined && !(Number.isSafeInteger(duration) && duration >= 1)) {
    throw new InvalidSimulationConfigError('durationSeconds', duration, 'must be a whole number of seconds ≥ 1');
  }
  if (config.rate > 1 && duration === undefined) {
    throw new InvalidSimulationConfigError(
      'rate',
      config.rate,
      'a rate above 1 needs a duration, so that the simulated timeline can be placed to end at the wall clock instead of running into the future',
    );
  }
}

import type { DeviceKind, DoseRoute } from '@vigil/domain';
import { joinUrl, type HttpClient } from './http-client';
import { describeFieldErrors, readServerError, type FieldError } from './server-error-body';

// The staff API calls the simulator makes to set up what a clinician would: a session per
// patient, the patient's devices bound to it, the dose, and (if asked) the end of the session.
// These calls are not retried: POST /sessions is not idempotent, and a half-set-up run is better
// stopped with a clear message than repaired by guessing.

export class StaffApiError extends Error {
  constructor(
    readonly operation: string,
    readonly url: string,
    readonly status: number,
    readonly serverMessage: string,
    readonly fieldErrors: readonly FieldError[],
  ) {
    const fields = fieldErrors.length > 0 ? ` [${describeFieldErrors(fieldErrors)}]` : '';
    super(`${operation} failed: POST ${url} answered ${status} ${serverMessage}${fields}`);
    this.name = 'StaffApiError';
  }
}

export type StaffApi = {
  /** `at`: when the session started, if not now (the server's optional field). */
  createSession(input: { room: string; patientPseudonym: string; clinician: string; at?: string }): Promise<string>;
  bindDevice(sessionId: string, input: { deviceId: string; deviceKind: DeviceKind }): Promise<void>;
  recordDose(sessionId: string, input: { route: DoseRoute; doseMg: number; administeredAt: string }): Promise<void>;
  endSession(sessionId: string): Promise<void>;
};

/** `staffToken`: the bearer token of a signed-in clinician; every staff route needs one (docs/security.md). */
export function staffApi(http: HttpClient, baseUrl: string, staffToken?: string): StaffApi {
  const headers = staffToken ? { authorization: `Bearer ${staffToken}` } : undefined;
  const post = async (operation: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
    const url = joinUrl(baseUrl, path);
    const response = await http({ method: 'POST', url, body, ...(headers ? { headers } : {}) });
    if (response.status >= 200 && response.status < 300) return response;
    const details = readServerError(response.status, response.body);
    throw new StaffApiError(operation, url, response.status, details.message, details.errors);
  };
  const sessionPath = (sessionId: string, action: string): string =>
    `/api/v1/sessions/${encodeURIComponent(sessionId)}/${action}`;

  return {
    async createSession(input) {
      const operation = `Creating a session for ${input.patientPseudonym}`;
      const response = await post(operation, '/api/v1/sessions', input);
      const sessionId = (response.body as { sessionId?: unknown } | null)?.sessionId;
      if (typeof sessionId !== 'string' || sessionId.length === 0) {
        const url = joinUrl(baseUrl, '/api/v1/sessions');
        throw new StaffApiError(operation, url, response.status, 'but the answer has no sessionId', []);
      }
      return sessionId;
    },
    async bindDevice(sessionId, input) {
      await post(`Binding ${input.deviceKind} ${input.deviceId} to session ${sessionId}`, sessionPath(sessionId, 'devices'), input);
    },
    async recordDose(sessionId, input) {
      await post(`Recording the dose of session ${sessionId}`, sessionPath(sessionId, 'doses'), input);
    },
    async endSession(sessionId) {
      await post(`Ending session ${sessionId}`, sessionPath(sessionId, 'end'), {});
    },
  };
}

// The staff's commands go over HTTP to the same validated API the rest of the clinic uses; the
// dashboard socket only carries what happened.

export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'StaffApiError';
  }
}

/** `idempotencyKey` makes a retry after a lost answer safe: the server answers it with the first result. */
async function post(path: string, body: unknown, idempotencyKey?: string): Promise<unknown> {
  let response: Response;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) };
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch {
    throw new StaffApiError(0, 'The server cannot be reached; nothing was recorded. Try again.');
  }
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const message = typeof parsed === 'object' && parsed !== null && 'message' in parsed ? String((parsed as { message: unknown }).message) : text;
    throw new StaffApiError(response.status, message || `the server answered ${response.status}`);
  }
  return parsed;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const session = (sessionId: string) => `/api/v1/sessions/${encodeURIComponent(sessionId)}`;

export const staffApi = {
  startSession: (body: { room: string; patientPseudonym: string; clinician: string }, key?: string) => post('/api/v1/sessions', body, key),
  bindDevice: (sessionId: string, body: { deviceId: string; deviceKind: string; by: string }, key?: string) => post(`${session(sessionId)}/devices`, body, key),
  administerDose: (sessionId: string, body: { route: string; doseMg: number; administeredAt?: string; by: string }, key?: string) =>
    post(`${session(sessionId)}/doses`, body, key),
  recordIntervention: (sessionId: string, body: { text: string; by: string }, key?: string) => post(`${session(sessionId)}/interventions`, body, key),
  endSession: (sessionId: string, body: { by: string; reason?: string }, key?: string) => post(`${session(sessionId)}/end`, body, key),
  acknowledgeAlarm: (sessionId: string, alertId: string, body: { by: string; note?: string }) =>
    post(`${session(sessionId)}/alerts/${encodeURIComponent(alertId)}/acknowledge`, body),
};

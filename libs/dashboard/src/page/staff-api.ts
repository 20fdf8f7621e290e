// The staff's commands go over HTTP to the same validated API the rest of the clinic uses; the
// dashboard socket only carries what happened.

export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** A 409 `confirmation-required` names what a REMS safeguard found missing. */
    readonly missing?: string[],
  ) {
    super(message);
    this.name = 'StaffApiError';
  }
}

/**
 * `idempotencyKey` makes a retry after a lost answer safe: the server answers it with the first result.
 * No `by`: the server records the signed-in account (its cookie goes with every same-origin request).
 * A 401 means the session ended: the page goes back to its sign-in screen.
 */
async function post(path: string, body: unknown, idempotencyKey?: string): Promise<unknown> {
  let response: Response;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) };
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch {
    throw new StaffApiError(0, 'The server cannot be reached; nothing was recorded. Try again.');
  }
  if (response.status === 401) onSignedOut();
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const message = typeof parsed === 'object' && parsed !== null && 'message' in parsed ? String((parsed as { message: unknown }).message) : text;
    const missing = typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { missing?: unknown }).missing) ? (parsed as { missing: unknown[] }).missing.map(String) : undefined;
    throw new StaffApiError(response.status, message || `the server answered ${response.status}`, missing);
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

let onSignedOut: () => void = () => undefined;
/** What the page does when the server says the session has ended (main.ts shows the sign-in screen). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

const session = (sessionId: string) => `/api/v1/sessions/${encodeURIComponent(sessionId)}`;

export const staffApi = {
  startSession: (body: { room: string; patientPseudonym: string; clinician: string }, key?: string) => post('/api/v1/sessions', body, key),
  bindDevice: (sessionId: string, body: { deviceId: string; deviceKind: string }, key?: string) => post(`${session(sessionId)}/devices`, body, key),
  administerDose: (
    sessionId: string,
    body: { route: string; doseMg: number; administeredAt?: string; drug?: string; confirm?: { reason: string } },
    key?: string,
  ) =>
    post(`${session(sessionId)}/doses`, body, key),
  recordIntervention: (sessionId: string, body: { text: string }, key?: string) => post(`${session(sessionId)}/interventions`, body, key),
  endSession: (sessionId: string, body: { reason?: string; confirm?: { reason: string } }, key?: string) => post(`${session(sessionId)}/end`, body, key),
  acknowledgeAlarm: (sessionId: string, alertId: string, body: { note?: string; person?: { username: string; pin: string } }) =>
    post(`${session(sessionId)}/alerts/${encodeURIComponent(alertId)}/acknowledge`, body),
};

/**
 * Sends a command; when a REMS safeguard answers 409 with what is missing, asks the clinician for a
 * reason and sends it again with `confirm: {reason}` (recorded with the command). No reason, no command.
 */
export async function withConfirmation<T>(send: (confirm?: { reason: string }) => Promise<T>, ask: (missing: string[]) => string | null): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof StaffApiError) || error.status !== 409 || !error.missing) throw error;
    const reason = ask(error.missing)?.trim();
    if (!reason) throw new StaffApiError(409, `not confirmed: ${error.missing.join('; ')}`);
    return send({ reason });
  }
}

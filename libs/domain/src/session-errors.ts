// Typed rejections of session commands; the HTTP layer maps them to 404/409 by class.
export class SessionRuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly sessionId: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class SessionNotFoundError extends SessionRuleViolation {
  constructor(sessionId: string) {
    super('session-not-found', `session ${sessionId} does not exist`, sessionId);
  }
}
export class SessionAlreadyStartedError extends SessionRuleViolation {
  constructor(sessionId: string) {
    super('session-already-started', `session ${sessionId} has already been started`, sessionId);
  }
}
export class SessionEndedError extends SessionRuleViolation {
  constructor(sessionId: string, command: string, endedAt: string) {
    super('session-ended', `session ${sessionId} ended at ${endedAt}; ${command} is not allowed after the end`, sessionId);
  }
}
/** Who holds a device, as staff know the session: by its room and patient (issue 15 item 8). */
export type DeviceHolder = { room: string; patientPseudonym: string };

export class DeviceAlreadyBoundError extends SessionRuleViolation {
  constructor(sessionId: string, deviceId: string, holderSessionId: string, holder?: DeviceHolder) {
    super(
      'device-already-bound',
      holderSessionId === sessionId
        ? `device ${deviceId} is already bound to session ${sessionId}`
        : holder
          ? `device ${deviceId} is held by the active session in ${holder.room} (patient ${holder.patientPseudonym}, session ${holderSessionId}); unbind it there first`
          : `device ${deviceId} is held by active session ${holderSessionId}; unbind it there first`,
      sessionId,
    );
  }
}
export class DeviceNotBoundError extends SessionRuleViolation {
  constructor(sessionId: string, deviceId: string) {
    super('device-not-bound', `device ${deviceId} is not bound to session ${sessionId}`, sessionId);
  }
}
/** A command whose field cannot be accepted as given: a 400 naming the field. */
export class InvalidCommandError extends SessionRuleViolation {
  constructor(
    sessionId: string,
    readonly field: string,
    readonly reason: string,
    code = 'invalid-command',
  ) {
    super(code, `${field}: ${reason}`, sessionId);
  }
}
/** A dose or an intervention dated before its session started (the clinical time rules, docs/identifiers.md). */
export class BeforeSessionStartError extends InvalidCommandError {
  constructor(sessionId: string, field: string, at: string, startedAt: string) {
    super(sessionId, field, `${at} is before session ${sessionId} started at ${startedAt}`, 'before-session-start');
  }
}

/** A safeguard found something missing and the command carried no `confirm: {reason}` (HTTP 409). */
export class ConfirmationRequiredError extends SessionRuleViolation {
  constructor(sessionId: string, command: string, readonly missing: string[]) {
    super('confirmation-required', `${command} needs a confirmation with a reason: ${missing.join('; ')}`, sessionId);
  }
}

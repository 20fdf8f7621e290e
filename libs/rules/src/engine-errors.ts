/** An engine input that cannot be evaluated: names the field and why (e.g. `"data.route" must be ...`). */
export class InvalidEngineInputError extends Error {
  override readonly name = 'InvalidEngineInputError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`"${field}" ${reason}`);
  }
}

/**
 * A session input earlier than that session's clock (its last input or the last Tick). Evaluating
 * it would place readings before deadlines already fired, so the same stream could give different
 * alarms depending on when ticks fell; replays must be exact, so it is refused.
 */
export class InputOutOfOrderError extends Error {
  override readonly name = 'InputOutOfOrderError';
  constructor(
    readonly sessionId: string,
    readonly at: string,
    readonly clock: string,
  ) {
    super(`"at" ${at} is earlier than session ${sessionId}'s clock ${clock}; inputs must be in time order`);
  }
}

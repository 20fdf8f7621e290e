/** Time comes in through this port (DESIGN.md "Time and determinism"); tests and replays supply their own. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('Clock');
export const systemClock: Clock = { now: () => new Date() };

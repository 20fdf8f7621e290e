/** Time comes in through this port (docs/architecture.md "Time and determinism"); tests and replays supply their own. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('Clock');
export const systemClock: Clock = { now: () => new Date() };

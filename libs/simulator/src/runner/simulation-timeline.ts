/**
 * Where simulation second 0 sits on the wall clock. At a rate above 1 the simulator produces
 * `durationSeconds` of data in `durationSeconds / rate` wall seconds; if second 0 were "now", the
 * readings' times would run ahead of the wall clock, and an ingest service is right to distrust
 * readings from the future. So the timeline is moved back by the difference, and the last reading
 * is stamped with (about) the wall-clock time at which it is sent. At rate ≤ 1 second 0 is now.
 */
export function timelineStartFor(wallStartMs: number, rate: number, durationSeconds: number | undefined): number {
  if (rate <= 1 || durationSeconds === undefined) return wallStartMs;
  return wallStartMs - Math.round((durationSeconds - durationSeconds / rate) * 1000);
}

/** Wall-clock ms (since the run started) at which simulation second `second` becomes due. */
export const wallOffsetOfSecond = (second: number, rate: number): number => Math.ceil((second * 1000) / rate);

/** The last simulation second due `elapsedMs` after the run started. */
export const lastDueSecond = (elapsedMs: number, rate: number): number => Math.floor((elapsedMs * rate) / 1000);

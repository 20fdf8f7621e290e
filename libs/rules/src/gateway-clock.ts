// The alarm time base (issue 16, item 1; docs/alarm-semantics.md "Time base"). No imports: the
// dashboard page bundles this file too.
//
// A gateway stamps readings with its own clock (`measuredAt`); the server stamps them when it
// receives them (`recordedAt`). Per gateway, the offset between the two clocks is estimated as the
// smallest lag (recordedAt − measuredAt) over the readings received in the last minute: the
// reading that travelled fastest is the best witness of the clock difference (a minimum-delay
// filter, as NTP's clock filter keeps the sample with the smallest delay). A reading's time in the
// server's frame is its measurement time plus that offset, never later than its own arrival.
// Everything here is a function of recorded fields, so a replay computes the same times.

/** Samples older than this (by arrival) no longer count: a gateway whose clock is reset is followed within a minute. */
export const CLOCK_OFFSET_WINDOW_MS = 60_000;

/**
 * [arrival ms, lag ms] pairs, oldest first, with strictly increasing lags: the sliding-window
 * minimum is the first one. JSON, so that a view can keep it.
 */
export type ClockOffsetEstimate = { readonly samples: readonly (readonly [receivedAt: number, lag: number])[] };

/** Adds one reading's lag to the estimate (readings in arrival order). */
export function observeClockOffset(estimate: ClockOffsetEstimate | undefined, receivedAt: number, measuredAt: number, windowMs = CLOCK_OFFSET_WINDOW_MS): ClockOffsetEstimate {
  const lag = receivedAt - measuredAt;
  const samples = (estimate?.samples ?? []).filter(([at, sampleLag]) => at >= receivedAt - windowMs && sampleLag < lag);
  return { samples: [...samples, [receivedAt, lag]] };
}

/** recordedAt − measuredAt as estimated: positive when the gateway's clock runs behind the server's. */
export const clockOffsetOf = (estimate: ClockOffsetEstimate): number => estimate.samples[0]![1];

/** The reading's time in the server's frame: measuredAt + offset, never after its arrival. */
export const serverTimeOf = (estimate: ClockOffsetEstimate, measuredAt: number, receivedAt: number): number =>
  Math.min(measuredAt + clockOffsetOf(estimate), receivedAt);

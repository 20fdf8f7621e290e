// The time axis of the session view's charts (issue 15 item 7): it runs to "now" (or to the end of
// an ended session), never stops at the last reading, and is never empty or years wide: with zero
// or one reading uPlot would otherwise draw 1969–1970 or 2027–2029.

/** The oximetry chart's window, as the view's trend (view-limits.ts TREND_WINDOW_MS). */
export const LIVE_CHART_WINDOW_MS = 30 * 60_000;

/**
 * [from, to] in epoch ms: ends at `endMs`, starts at `startMs` but shows at least `minimumMs`
 * (earlier than the start if the session is younger) and at most `maximumMs` when given.
 */
export function chartWindow(startMs: number, endMs: number, minimumMs: number, maximumMs = Infinity): [number, number] {
  const span = Math.min(Math.max(endMs - startMs, minimumMs), maximumMs);
  return [endMs - span, endMs];
}

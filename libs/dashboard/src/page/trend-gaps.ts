import type { TrendPoint } from '../protocol';

/** Readings further apart than this are not joined by a line: the monitor was not seeing the patient. */
export const TREND_GAP_MS = 5_000;

/** The trend with a null point in every gap, so charts draw a break instead of an invented line. */
export function withGaps(trend: readonly TrendPoint[]): TrendPoint[] {
  const points: TrendPoint[] = [];
  let previous: TrendPoint | undefined;
  for (const point of trend) {
    if (previous && point[0] - previous[0] > TREND_GAP_MS) points.push([previous[0] + 1, null, null]);
    points.push(point);
    previous = point;
  }
  return points;
}

import type { TrendPoint } from '../protocol';
import { TREND_BUCKET_MS, TREND_WINDOW_MS } from './view-limits';

const bucketOf = (t: number): number => Math.floor(t / TREND_BUCKET_MS);

/**
 * Adds a point in measured-time order (gateways resend late batches, so readings can arrive out of
 * order), replacing the point of the same second, and drops what is older than the window before
 * the newest point. Returns a new array; the input is not touched.
 */
export function addTrendPoint(trend: readonly TrendPoint[], point: TrendPoint): TrendPoint[] {
  const newest = trend[trend.length - 1];
  const windowStart = Math.max(point[0], newest ? newest[0] : -Infinity) - TREND_WINDOW_MS;
  if (point[0] < windowStart) return trend.slice();
  const bucket = bucketOf(point[0]);
  let index = trend.length;
  // Readings almost always arrive in order: search from the end.
  while (index > 0 && bucketOf(trend[index - 1]![0]) > bucket) index--;
  const replaces = index > 0 && bucketOf(trend[index - 1]![0]) === bucket;
  const next = replaces ? [...trend.slice(0, index - 1), point, ...trend.slice(index)] : [...trend.slice(0, index), point, ...trend.slice(index)];
  let first = 0;
  while (first < next.length && next[first]![0] < windowStart) first++;
  return first === 0 ? next : next.slice(first);
}

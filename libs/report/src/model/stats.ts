// Small numeric helpers for the report model; pure.

export type Stat = { median: number; min: number; max: number; n: number };

/** Median (mean of the middle two for an even count), min, max; undefined for no values. */
export function statOf(values: readonly number[]): Stat | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** Index of the first element with t >= from in a list sorted by t. */
export function lowerBound(items: readonly { t: number }[], from: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.t < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items with from <= t < to, from a list sorted by t. */
export function between<T extends { t: number }>(items: readonly T[], from: number, to: number): T[] {
  const out: T[] = [];
  for (let i = lowerBound(items, from); i < items.length && items[i]!.t < to; i++) out.push(items[i]!);
  return out;
}

/**
 * Milliseconds of [from, to) covered by valid readings, each reading standing for the
 * `holdMs` after it (an oximeter sends about once a second; a longer silence is a gap).
 */
export function coveredMs(times: readonly number[], from: number, to: number, holdMs: number): number {
  let covered = 0;
  let reach = from;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < from - holdMs) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < times.length && times[i]! < to; i++) {
    const start = Math.max(times[i]!, reach);
    const end = Math.min(times[i]! + holdMs, to);
    if (end > start) {
      covered += end - start;
      reach = end;
    }
  }
  return covered;
}

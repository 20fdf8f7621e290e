import type { DoseView, TrendPoint } from '../protocol';

/** Pre-dose oximetry: the median of the valid readings in the 5 minutes before the first dose. */
export type OximetryBaseline = { spo2: number; pulseRate: number; readings: number };

const BASELINE_WINDOW_MS = 5 * 60_000;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The oximetry baseline a discharge review compares with ("near baseline", docs/clinical-documentation.md),
 * from the trend, which holds the last 30 minutes of measured time: kept from the moment the first
 * dose is known, so it outlives the trend. Undefined while no valid reading precedes the first dose.
 */
export function oximetryBaselineOf(trend: readonly TrendPoint[], doses: readonly DoseView[], kept: OximetryBaseline | undefined): OximetryBaseline | undefined {
  if (doses.length === 0) return undefined;
  const firstDose = Math.min(...doses.map((dose) => Date.parse(dose.administeredAt)));
  const before = trend.filter(([t, spo2, pulse]) => t < firstDose && t >= firstDose - BASELINE_WINDOW_MS && spo2 !== null && pulse !== null);
  // A later recomputation with fewer readings (the trend has moved on) must not replace a better one.
  if (before.length === 0 || (kept && kept.readings > before.length)) return kept;
  return { spo2: median(before.map(([, spo2]) => spo2!)), pulseRate: median(before.map(([, , pulse]) => pulse!)), readings: before.length };
}

import { DEVICE_SILENCE_LIMIT_MS } from './view-limits';

// How old a shown vital sign may be before the tile says so (issue 15 item 3). A value that is no
// longer current must not read like one from across the room: past `shrinkAfterMs` it is drawn
// small with its age, past `replaceAfterMs` it is replaced by "—" with its age.

export type Freshness = 'current' | 'aging' | 'expired';
export type FreshnessLimits = { shrinkAfterMs: number; replaceAfterMs: number };

/**
 * Oximetry streams at 1 Hz: 10 s without a new value is ten missed readings (the tile's "not
 * sending" limit, view-limits.ts), and after a minute the old number says nothing about the patient.
 */
export const OXIMETRY_FRESHNESS: FreshnessLimits = { shrinkAfterMs: 10_000, replaceAfterMs: 60_000 };

/**
 * A cuff measures every 5 minutes, so the 10 s / 60 s rule would blank every blood pressure: its
 * value shrinks once a measurement was missed (the cuff's silence limit) and is replaced after 15 min.
 */
export const BLOOD_PRESSURE_FRESHNESS: FreshnessLimits = { shrinkAfterMs: DEVICE_SILENCE_LIMIT_MS.bloodPressureCuff, replaceAfterMs: 15 * 60_000 };

export function freshnessOf(ageMs: number, limits: FreshnessLimits): Freshness {
  if (ageMs > limits.replaceAfterMs) return 'expired';
  if (ageMs > limits.shrinkAfterMs) return 'aging';
  return 'current';
}

import type { DoseRoute } from '@vigil/domain';
import { ROUTE_PHARMACOLOGY } from '../patient/route-pharmacology';
import { cosineEase } from './event-envelope';

/**
 * Fraction in [0, 1] of a patient's peak blood-pressure and pulse response, `secondsSinceDose`
 * after administration.
 *
 * Timing (docs/clinical-sources.md): BP peaks about 40 min after esketamine (§1.4, label) and after
 * the start of an IV infusion (§2.1: Yale chart review and Fang 2019 at 40 min, all sources
 * 30–40 min); it is back to baseline within ~1.5 h (§2.1 Szarmach 2020; Fang 2019 found no
 * difference from baseline at 100 min). So the response rises from the route's onset to a peak
 * at 40 min and returns over the following hour, reaching baseline at 100 min. The label's
 * "lasts approximately 4 hours" (§1.4) describes the whole BP effect of esketamine at the
 * population level; the issue asks for a return within the hour, which matches the racemic data.
 *
 * The peak stays at 40 min for every route: §2.2 reports sublingual Tmax ~45 min and a clinic's
 * "peak about 40 min" for lozenges, and no route-specific haemodynamic data (a stated gap), so
 * only the onset differs by route.
 */
export const RESPONSE_PEAK_SECONDS = 40 * 60;
export const RESPONSE_RETURN_SECONDS = 60 * 60;

export function ketamineResponseFraction(route: DoseRoute, secondsSinceDose: number): number {
  const onset = ROUTE_PHARMACOLOGY[route].onsetSeconds;
  if (secondsSinceDose <= onset) return 0;
  if (secondsSinceDose <= RESPONSE_PEAK_SECONDS) {
    return cosineEase((secondsSinceDose - onset) / (RESPONSE_PEAK_SECONDS - onset));
  }
  const sincePeak = secondsSinceDose - RESPONSE_PEAK_SECONDS;
  if (sincePeak >= RESPONSE_RETURN_SECONDS) return 0;
  return 1 - cosineEase(sincePeak / RESPONSE_RETURN_SECONDS);
}

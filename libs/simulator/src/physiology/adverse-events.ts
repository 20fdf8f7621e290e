import { RandomStream } from '../random/seeded-random';
import { envelopeLength, envelopeWeight, type EnvelopeShape } from './event-envelope';

/**
 * A desaturation to SpO2 82–86%. The shape keeps SpO2 under 90% for about two minutes, the
 * definition of desaturation in the procedural-sedation cohort (Salloum et al., "SpO2 <90% for
 * ≥2 consecutive minutes", docs/clinical-sources.md §2.3), so it is an unambiguous event for the
 * alert rules rather than a borderline blip.
 */
export type Desaturation = { startSecond: number; nadirSpo2: number };

export const DESATURATION_SHAPE: EnvelopeShape = { riseSeconds: 20, plateauSeconds: 100, returnSeconds: 40 };

/**
 * A hypertensive surge to ≥185/≥112. Thresholds in the sources are SBP ≥180 / DBP ≥110 (label
 * Table 6, §1.4) and SBP >180 and/or DBP >110 (Del Sant 2020, §2.2); the peak sits a few mmHg
 * above them so that measurement noise cannot pull a surge reading back under. The timing (rise
 * in 45 s, 5 min at the peak, 10 min back) is a demo shape, not taken from a source.
 */
export type HypertensiveSurge = { startSecond: number; peakSystolic: number; peakDiastolic: number };

export const SURGE_SHAPE: EnvelopeShape = { riseSeconds: 45, plateauSeconds: 300, returnSeconds: 600 };

/** A surge is confirmed by an extra cuff reading once the peak is reached, as staff would re-check. */
export const surgeConfirmationSecond = (surge: HypertensiveSurge): number =>
  surge.startSecond + SURGE_SHAPE.riseSeconds + 15;

export function drawDesaturation(seed: number, patientNumber: number, startSecond: number): Desaturation {
  const random = RandomStream.of(seed, 'desaturation', patientNumber);
  return { startSecond, nadirSpo2: random.between(82.5, 85.5) };
}

export function drawHypertensiveSurge(seed: number, patientNumber: number, startSecond: number): HypertensiveSurge {
  const random = RandomStream.of(seed, 'hypertensive-surge', patientNumber);
  return { startSecond, peakSystolic: random.between(190, 200), peakDiastolic: random.between(116, 124) };
}

export const desaturationWeight = (event: Desaturation, second: number): number =>
  envelopeWeight(DESATURATION_SHAPE, second - event.startSecond);

export const surgeWeight = (event: HypertensiveSurge, second: number): number =>
  envelopeWeight(SURGE_SHAPE, second - event.startSecond);

/** True from `marginSeconds` before an event starts until it is over. */
export function isDuringEvent(
  event: { startSecond: number } | undefined,
  shape: EnvelopeShape,
  second: number,
  marginSeconds: number,
): boolean {
  if (!event) return false;
  return second >= event.startSecond - marginSeconds && second < event.startSecond + envelopeLength(shape);
}

/** How an episode unfolds: a smooth rise, a plateau at full effect, a smooth return. */
export type EnvelopeShape = { riseSeconds: number; plateauSeconds: number; returnSeconds: number };

export const envelopeLength = (shape: EnvelopeShape): number =>
  shape.riseSeconds + shape.plateauSeconds + shape.returnSeconds;

/** 0 → 1 over fraction 0 → 1 with zero slope at both ends, so vitals never jump. */
export const cosineEase = (fraction: number): number => (1 - Math.cos(Math.PI * fraction)) / 2;

/** Effect weight in [0, 1] at `elapsedSeconds` after the episode started. */
export function envelopeWeight(shape: EnvelopeShape, elapsedSeconds: number): number {
  if (elapsedSeconds < 0 || elapsedSeconds >= envelopeLength(shape)) return 0;
  if (elapsedSeconds < shape.riseSeconds) return cosineEase(elapsedSeconds / shape.riseSeconds);
  const sincePlateau = elapsedSeconds - shape.riseSeconds;
  if (sincePlateau <= shape.plateauSeconds) return 1;
  return 1 - cosineEase((sincePlateau - shape.plateauSeconds) / shape.returnSeconds);
}

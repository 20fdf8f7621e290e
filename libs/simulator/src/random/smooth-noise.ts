import { deriveSeed, RandomStream, type RandomKey } from './seeded-random';

// Physiological signals wander slowly rather than jumping each second, so drift is value noise:
// a random value in [-1, 1] at every knot (one per `knotSeconds`) with cosine interpolation
// between knots. Each knot is drawn from its own key, so the value at any second is a pure
// function of (seed, channel, second), with no state carried from earlier seconds.

// deriveSeed already mixes to a full-avalanche 32-bit value, so it serves as the knot's uniform draw.
function knotValue(seed: number, channel: RandomKey, knot: number): number {
  return (deriveSeed(seed, channel, knot) / 4294967296) * 2 - 1;
}

export function smoothNoise(seed: number, channel: RandomKey, second: number, knotSeconds: number): number {
  const position = second / knotSeconds;
  const knot = Math.floor(position);
  const weight = (1 - Math.cos(Math.PI * (position - knot))) / 2;
  return knotValue(seed, channel, knot) * (1 - weight) + knotValue(seed, channel, knot + 1) * weight;
}

/** Per-second measurement noise: normal, clipped so a single draw cannot turn into an artefact. */
export function measurementNoise(
  seed: number,
  channel: RandomKey,
  second: number,
  standardDeviation: number,
  limit: number,
): number {
  const draw = RandomStream.of(seed, channel, second).normal(0, standardDeviation);
  return Math.max(-limit, Math.min(limit, draw));
}

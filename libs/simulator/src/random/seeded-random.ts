// The simulator's only source of randomness. Every draw is a pure function of the seed and a key
// (patient, channel, second), so a reading at second t never depends on how many draws came before
// it: a run with the same seed reproduces every value, and the model can be sampled at any second
// in any order (docs/architecture.md "Time and ids come in from outside": no Math.random).

/**
 * mulberry32 (Tommy Ettinger, 2017; public domain): a 32-bit state generator that passes
 * gjrand and PractRand up to 2^32 outputs, plenty for a demo source.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** lowbias32 (Chris Wellons, "Prospecting for hash functions", 2018): a full-avalanche 32-bit mixer. */
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, so channel names can be keys. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type RandomKey = number | string;

/** A seed for the sub-stream named by `keys` (integers or names); different keys give unrelated streams. */
export function deriveSeed(seed: number, ...keys: RandomKey[]): number {
  let hash = mix32(seed ^ 0x9e3779b9);
  for (const key of keys) {
    const part = typeof key === 'string' ? hashString(key) : mix32(Math.trunc(key) >>> 0);
    hash = mix32(hash ^ part ^ 0x85ebca6b);
  }
  return hash;
}

/** Draws on top of a uniform [0, 1) source. */
export class RandomStream {
  constructor(private readonly next: () => number) {}

  static of(seed: number, ...keys: RandomKey[]): RandomStream {
    return new RandomStream(mulberry32(deriveSeed(seed, ...keys)));
  }

  uniform(): number {
    return this.next();
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  integerBetween(min: number, max: number): number {
    return Math.floor(this.between(min, max + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(options: readonly T[]): T {
    const choice = options[Math.floor(this.next() * options.length)];
    if (choice === undefined) throw new RangeError('RandomStream.pick needs at least one option');
    return choice;
  }

  /** Standard normal by Box–Muller; 1 − u keeps the logarithm finite. */
  normal(mean = 0, standardDeviation = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + standardDeviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

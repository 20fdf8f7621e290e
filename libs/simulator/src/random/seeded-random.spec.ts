import { deriveSeed, mulberry32, RandomStream } from './seeded-random';
import { smoothNoise } from './smooth-noise';

describe('mulberry32', () => {
  it('reproduces the reference sequence for seed 1', () => {
    // First outputs of the widely copied JavaScript reference (bryc, "PRNGs", mulberry32) for seed 1.
    const next = mulberry32(1);
    expect([next(), next(), next()].map((value) => Math.round(value * 4294967296))).toEqual([
      2693262067, 11749833, 2265367787,
    ]);
  });

  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it('stays within [0, 1) and is roughly uniform', () => {
    const next = mulberry32(7);
    const draws = Array.from({ length: 20_000 }, () => next());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });
});

describe('deriveSeed', () => {
  it('separates keys, including their order and sign', () => {
    const seeds = new Set([
      deriveSeed(1, 1, 'spo2'),
      deriveSeed(1, 2, 'spo2'),
      deriveSeed(1, 1, 'pulse'),
      deriveSeed(2, 1, 'spo2'),
      deriveSeed(1, 'spo2', 1),
      deriveSeed(1, -1, 'spo2'),
    ]);
    expect(seeds.size).toBe(6);
  });
});

describe('RandomStream', () => {
  it('draws normals with the requested mean and spread', () => {
    const stream = RandomStream.of(3, 'normal-test');
    const draws = Array.from({ length: 20_000 }, () => stream.normal(10, 2));
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    const variance = draws.reduce((sum, value) => sum + (value - mean) ** 2, 0) / draws.length;
    expect(mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(2, 1);
  });

  it('picks every option of a list eventually, and refuses an empty list', () => {
    const stream = RandomStream.of(5);
    const picked = new Set(Array.from({ length: 200 }, () => stream.pick(['a', 'b', 'c'] as const)));
    expect(picked).toEqual(new Set(['a', 'b', 'c']));
    expect(() => stream.pick([])).toThrow(RangeError);
  });
});

describe('smoothNoise', () => {
  it('is continuous: neighbouring seconds differ far less than the full range', () => {
    for (let second = 0; second < 600; second++) {
      const step = Math.abs(smoothNoise(9, 'hr', second + 1, 30) - smoothNoise(9, 'hr', second, 30));
      expect(step).toBeLessThan(0.2);
    }
  });

  it('depends only on its arguments, not on call order', () => {
    const forward = [10, 20, 30].map((second) => smoothNoise(9, 'hr', second, 30));
    const backward = [30, 20, 10].map((second) => smoothNoise(9, 'hr', second, 30)).reverse();
    expect(backward).toEqual(forward);
  });
});

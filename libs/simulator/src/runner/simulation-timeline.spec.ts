import { lastDueSecond, timelineStartFor, wallOffsetOfSecond } from './simulation-timeline';

describe('simulation timeline', () => {
  it('starts at the wall clock at rate 1 or below', () => {
    expect(timelineStartFor(1_000_000, 1, 600)).toBe(1_000_000);
    expect(timelineStartFor(1_000_000, 0.5, undefined)).toBe(1_000_000);
  });

  it('moves back at higher rates so that the last reading is not in the future', () => {
    const wallStart = 10_000_000;
    const rate = 10;
    const duration = 3600;
    const start = timelineStartFor(wallStart, rate, duration);
    for (const second of [0, 1, 1800, duration - 1]) {
      const stampedAt = start + second * 1000;
      const sentAt = wallStart + wallOffsetOfSecond(second, rate);
      expect(stampedAt).toBeLessThanOrEqual(sentAt);
    }
    expect(start + duration * 1000).toBe(wallStart + (duration / rate) * 1000);
  });

  it('makes a second due at its wall offset and not before', () => {
    expect(lastDueSecond(wallOffsetOfSecond(7, 3), 3)).toBe(7);
    expect(lastDueSecond(wallOffsetOfSecond(7, 3) - 1, 3)).toBe(6);
  });
});

import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

describe('fixed-window rate-limit counting', () => {
  it('blocks past the limit within a window, per key, and starts again in the next window', async () => {
    const storage = new FixedWindowThrottlerStorage();
    for (let i = 1; i <= 3; i++) expect(await storage.increment('a', 60_000, 3)).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await storage.increment('a', 60_000, 3)).toMatchObject({ totalHits: 4, isBlocked: true, timeToExpire: 60, timeToBlockExpire: 60 });
    expect(await storage.increment('b', 60_000, 3)).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await storage.increment('short', 0, 1)).toMatchObject({ totalHits: 1 });
    expect(await storage.increment('short', 0, 1)).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});

import { combineHealth, SubscriptionHealth } from './bus-health';

describe('SubscriptionHealth', () => {
  let now = 0;
  const health = () => new SubscriptionHealth({ label: 'group "g" on topic "t"', brokerSilenceLimitMs: 1_000, now: () => now });
  beforeEach(() => {
    now = 10_000;
  });

  it('is healthy when it heard from the broker within the limit', () => {
    const subscription = health();
    now += 1_000;
    expect(subscription.status()).toEqual({ healthy: true });
  });

  it('reports a broker silent for longer than the limit, and recovers on the next answer', () => {
    const subscription = health();
    now += 1_001;
    expect(subscription.status()).toEqual({ healthy: false, problems: ['group "g" on topic "t": no answer from the broker for 1001 ms (limit 1000 ms)'] });
    subscription.brokerContact();
    expect(subscription.status()).toEqual({ healthy: true });
  });

  it('does not count a long-running handler as broker silence', () => {
    const subscription = health();
    subscription.handlerStarted();
    now += 5_000;
    expect(subscription.status().healthy).toBe(true);
    subscription.handlerSucceeded();
    expect(subscription.status().healthy).toBe(true);
  });

  it('keeps a crash the consumer does not restart from, whatever the broker answers', () => {
    const subscription = health();
    subscription.crashed(new Error('group authorization failed'), false);
    subscription.brokerContact();
    expect(subscription.status()).toEqual({
      healthy: false,
      problems: ['group "g" on topic "t": consumer crashed (stopped, not restarting): Error: group authorization failed'],
    });
  });

  it('clears a crash it restarts from once the broker answers again', () => {
    const subscription = health();
    subscription.crashed(new Error('connection refused'), true);
    expect(subscription.status().healthy).toBe(false);
    subscription.brokerContact();
    expect(subscription.status()).toEqual({ healthy: true });
  });

  it('reports a failing handler until a batch succeeds', () => {
    const subscription = health();
    subscription.handlerStarted();
    subscription.handlerFailed(new Error('store down'));
    expect(subscription.status()).toEqual({ healthy: false, problems: ['group "g" on topic "t": handler failed: Error: store down'] });
    subscription.handlerStarted();
    subscription.handlerSucceeded();
    expect(subscription.status()).toEqual({ healthy: true });
  });

  it('combines subscriptions: healthy only when all are', () => {
    expect(combineHealth([{ healthy: true }, { healthy: false, problems: ['a'] }, { healthy: false, problems: ['b'] }])).toEqual({ healthy: false, problems: ['a', 'b'] });
    expect(combineHealth([])).toEqual({ healthy: true });
  });
});

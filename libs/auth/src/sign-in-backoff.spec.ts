import { FORGET_AFTER_MS, MAX_WAIT_MS, SignInBackoff } from './sign-in-backoff';

describe('sign-in back-off', () => {
  const failTimes = (backoff: SignInBackoff, name: string, times: number, at = 0) => {
    for (let i = 0; i < times; i++) backoff.failed(name, at);
  };

  it('lets five wrong passwords through without waiting, then doubles the wait', () => {
    const backoff = new SignInBackoff();
    failTimes(backoff, 'kim', 4);
    expect(backoff.waitMs('kim', 0)).toBe(0);
    backoff.failed('kim', 0);
    expect(backoff.waitMs('kim', 0)).toBe(1000);
    expect(backoff.waitMs('kim', 400)).toBe(600);
    backoff.failed('kim', 1000);
    expect(backoff.waitMs('kim', 1000)).toBe(2000);
    backoff.failed('kim', 3000);
    expect(backoff.waitMs('kim', 3000)).toBe(4000);
  });

  it('never makes anyone wait more than 15 minutes', () => {
    const backoff = new SignInBackoff();
    failTimes(backoff, 'kim', 40);
    expect(backoff.waitMs('kim', 0)).toBe(MAX_WAIT_MS);
  });

  it('counts each username on its own, and starts afresh after a success or a quiet spell', () => {
    const backoff = new SignInBackoff();
    failTimes(backoff, 'kim', 6);
    expect(backoff.waitMs('lee', 0)).toBe(0);
    backoff.succeeded('kim');
    expect(backoff.waitMs('kim', 0)).toBe(0);
    failTimes(backoff, 'kim', 6);
    expect(backoff.waitMs('kim', FORGET_AFTER_MS + 1)).toBe(0);
  });
});

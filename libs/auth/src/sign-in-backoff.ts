/**
 * Sign-in back-off per username (docs/security.md, "Sign-in back-off"): the first
 * FREE_FAILURES wrong passwords cost nothing, then each further attempt waits twice as long as the
 * one before (1 s, 2 s, 4 s … at most MAX_WAIT_MS), as the OWASP Authentication Cheat Sheet's
 * "exponential back-off" suggests instead of a hard lock a stranger could use to keep a nurse out
 * for good. A success, or FORGET_AFTER_MS without a failure, starts the count afresh. Pure: the
 * caller passes the time.
 */
export const FREE_FAILURES = 5;
export const MAX_WAIT_MS = 15 * 60_000;
export const FORGET_AFTER_MS = 15 * 60_000;

type Failures = { count: number; lastAt: number };

export class SignInBackoff {
  private readonly failures = new Map<string, Failures>();

  /** Milliseconds this username must still wait before its next attempt (0: go ahead). */
  waitMs(username: string, now: number): number {
    const entry = this.current(username, now);
    if (!entry || entry.count < FREE_FAILURES) return 0;
    const wait = Math.min(MAX_WAIT_MS, 1000 * 2 ** (entry.count - FREE_FAILURES));
    return Math.max(0, entry.lastAt + wait - now);
  }

  failed(username: string, now: number): void {
    const entry = this.current(username, now);
    this.failures.set(username, { count: (entry?.count ?? 0) + 1, lastAt: now });
    // Bounded memory under a spray of made-up names: forget the stale ones now and then.
    if (this.failures.size > 10_000) for (const [name, failure] of this.failures) if (now - failure.lastAt > FORGET_AFTER_MS) this.failures.delete(name);
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }

  private current(username: string, now: number): Failures | undefined {
    const entry = this.failures.get(username);
    return entry && now - entry.lastAt <= FORGET_AFTER_MS ? entry : undefined;
  }
}

import { randomInt } from 'node:crypto';
import { hashPassword, passwordMatches } from './password-hashing';
import { rolesAllow } from './roles';
import { AccountInputError } from './staff-accounts';
import type { Account, AccountStore } from './store/account-store';

/**
 * Acknowledging from a shared wall screen (issue 12, item 3; docs/security.md "Display PIN"): a
 * `display` session acknowledges only with a person's username and PIN, and the acknowledgement
 * records that person. A PIN is at least 4 digits (a short secret, hence the lock below), hashed with
 * argon2id like a password. Five wrong PINs lock PIN entry for that account for PIN_LOCK_MS.
 */
export const PIN_PATTERN = /^\d{4,12}$/;
export const PIN_FAILURES_BEFORE_LOCK = 5;
export const PIN_LOCK_MS = 15 * 60_000;

export async function setAccountPin(store: AccountStore, username: string, pin: string | undefined, now: Date): Promise<{ account: Account; generatedPin?: string }> {
  if (pin !== undefined && !PIN_PATTERN.test(pin)) throw new AccountInputError('pin', 'pin must be 4 to 12 digits');
  const chosen = pin ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
  const account = store.setPinHash(username, await hashPassword(chosen), now);
  return pin === undefined ? { account, generatedPin: chosen } : { account };
}

export type PinCheck = { ok: true; username: string } | { ok: false; status: 403 | 429; reason: string };

/** Wrong-PIN counts per account, in the app's memory. */
export class PinAttempts {
  private readonly failures = new Map<string, { count: number; lastAt: number }>();

  lockedFor(username: string, now: number): number {
    const entry = this.failures.get(username);
    if (!entry || entry.count < PIN_FAILURES_BEFORE_LOCK) return 0;
    return Math.max(0, entry.lastAt + PIN_LOCK_MS - now);
  }

  failed(username: string, now: number): void {
    const entry = this.failures.get(username);
    const fresh = !entry || now - entry.lastAt > PIN_LOCK_MS;
    this.failures.set(username, { count: fresh ? 1 : entry.count + 1, lastAt: now });
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }
}

/** The person a display acknowledges for: their PIN, an account that may acknowledge, not locked. */
export async function checkDisplayPin(store: AccountStore, attempts: PinAttempts, username: string, pin: string, now: number): Promise<PinCheck> {
  const locked = attempts.lockedFor(username, now);
  if (locked > 0) return { ok: false, status: 429, reason: `PIN entry for ${username} is locked after ${PIN_FAILURES_BEFORE_LOCK} wrong PINs: try again in ${Math.ceil(locked / 60_000)} min` };
  const account = store.pinOf(username);
  const matches = account !== undefined && (await passwordMatches(account.pinHash, pin));
  if (!account || !matches) {
    attempts.failed(username, now);
    return { ok: false, status: 403, reason: 'wrong username or PIN' };
  }
  if (!rolesAllow(account.roles, 'acknowledge')) return { ok: false, status: 403, reason: `${username} may not acknowledge alarms` };
  attempts.succeeded(username);
  return { ok: true, username };
}

import { createHash, randomBytes } from 'node:crypto';
import { decoyHash, passwordMatches } from './password-hashing';
import type { Role } from './roles';
import type { AccountStore, StaffSession } from './store/account-store';

/**
 * Idle time after which a session ends (sliding: every authenticated request and every minute of
 * an open dashboard socket moves it). 30 minutes is the upper end the OWASP Session Management Cheat
 * Sheet gives for idle timeouts; a wall screen stays signed in because its socket is activity.
 */
export const SESSION_IDLE_MS = 30 * 60_000;

export type SignedIn = { token: string; expiresAt: string; roles: Role[]; username: string };

export const tokenSha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Same answer for an unknown name, a wrong password and a disabled account: nothing to enumerate. */
export async function signIn(store: AccountStore, username: string, password: string, now: Date): Promise<SignedIn | undefined> {
  const account = store.find(username);
  const matches = await passwordMatches(account?.passwordHash ?? (await decoyHash()), password);
  if (!account || !matches || account.disabled || account.roles.length === 0) {
    store.recordAccess('sign-in-failed', username, now);
    return undefined;
  }
  // 256 random bits (OWASP: at least 64 bits of entropy); only its hash is stored.
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  store.createSession(tokenSha256(token), account.username, now, expiresAt);
  store.recordAccess('sign-in', account.username, now);
  return { token, expiresAt: expiresAt.toISOString(), roles: account.roles, username: account.username };
}

export function authenticate(store: AccountStore, token: string, now: Date): StaffSession | undefined {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return store.touchSession(tokenSha256(token), now, new Date(now.getTime() + SESSION_IDLE_MS));
}

export function signOut(store: AccountStore, token: string, now: Date): boolean {
  return store.endSession(tokenSha256(token), now);
}

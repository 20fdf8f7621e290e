import { generatePassword, passwordProblem, usernameProblem } from './credentials-policy';
import { hashPassword } from './password-hashing';
import { parseRoles, type Role } from './roles';
import type { Account, AccountStore } from './store/account-store';

/** A bad username, password or role list, naming the field like every other 400 (docs/security.md). */
export class AccountInputError extends Error {
  constructor(
    readonly field: 'username' | 'password' | 'roles' | 'pin',
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'AccountInputError';
  }
}

export const FIRST_ADMIN = 'admin';

function checked<T>(field: AccountInputError['field'], problem: string | undefined, value: T): T {
  if (problem !== undefined) throw new AccountInputError(field, problem);
  return value;
}

function rolesFrom(text: string): Role[] {
  const parsed = parseRoles(text);
  if (!parsed.ok) throw new AccountInputError('roles', parsed.reason);
  return parsed.roles;
}

/** The password given, checked, or a generated one to print once. */
function passwordOrGenerated(password: string | undefined): { password: string; generated: boolean } {
  if (password === undefined) return { password: generatePassword(), generated: true };
  return { password: checked('password', passwordProblem(password), password), generated: false };
}

export async function addAccount(store: AccountStore, input: { username: string; roles: string; password?: string }, now: Date): Promise<{ account: Account; generatedPassword?: string }> {
  const username = checked('username', usernameProblem(input.username), input.username);
  const roles = rolesFrom(input.roles);
  const { password, generated } = passwordOrGenerated(input.password);
  const account = store.add(username, await hashPassword(password), roles, now);
  return generated ? { account, generatedPassword: password } : { account };
}

export function setAccountRoles(store: AccountStore, username: string, roles: string, now: Date): Account {
  return store.setRoles(username, rolesFrom(roles), now);
}

export async function resetAccountPassword(store: AccountStore, username: string, newPassword: string | undefined, now: Date): Promise<{ account: Account; generatedPassword?: string }> {
  const { password, generated } = passwordOrGenerated(newPassword);
  const account = store.setPassword(username, await hashPassword(password), now);
  return generated ? { account, generatedPassword: password } : { account };
}

/**
 * The first start of a deployment creates `admin` (issue 12): with the configured password, or a
 * generated one the caller prints once. Never a fixed default. Done once per accounts file, even
 * when other accounts were added before the app first started (as the test support does).
 */
export async function ensureFirstAdmin(store: AccountStore, configuredPassword: string | undefined, now: Date): Promise<{ created: false } | { created: true; generatedPassword?: string }> {
  if (store.fact('first-admin') !== undefined) return { created: false };
  if (store.find(FIRST_ADMIN)) {
    store.setFact('first-admin', now.toISOString());
    return { created: false };
  }
  const { account: _account, generatedPassword } = await addAccount(store, { username: FIRST_ADMIN, roles: 'admin', ...(configuredPassword !== undefined ? { password: configuredPassword } : {}) }, now);
  store.setFact('first-admin', now.toISOString());
  return generatedPassword ? { created: true, generatedPassword } : { created: true };
}

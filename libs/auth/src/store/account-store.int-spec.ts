import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAccount, AccountInputError, ensureFirstAdmin, resetAccountPassword, setAccountRoles } from '../staff-accounts';
import { authenticate, SESSION_IDLE_MS, signIn, signOut } from '../staff-sessions';
import { AccountExistsError, AccountNotFoundError, AccountStore } from './account-store';

const T0 = new Date('2026-12-01T08:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('accounts and sessions in accounts.sqlite', () => {
  let dir: string;
  let store: AccountStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-accounts-'));
    store = AccountStore.openIn(dir);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores an argon2id hash, never the password, and signs in with it', async () => {
    await addAccount(store, { username: 'kim', roles: 'monitor', password: 'kim-password-1' }, T0);
    expect(store.find('kim')!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const signedIn = await signIn(store, 'kim', 'kim-password-1', T0);
    expect(signedIn).toMatchObject({ roles: ['monitor'], expiresAt: later(SESSION_IDLE_MS).toISOString() });
    expect(authenticate(store, signedIn!.token, later(1000))).toMatchObject({ username: 'kim', roles: ['monitor'] });
  });

  it('answers the same for a wrong password, an unknown name and a disabled account', async () => {
    await addAccount(store, { username: 'kim', roles: 'monitor', password: 'kim-password-1' }, T0);
    expect(await signIn(store, 'kim', 'wrong-password', T0)).toBeUndefined();
    expect(await signIn(store, 'nobody', 'kim-password-1', T0)).toBeUndefined();
    store.disable('kim', T0);
    expect(await signIn(store, 'kim', 'kim-password-1', T0)).toBeUndefined();
  });

  it('slides the expiry with use, ends after the idle time, and ends at sign-out', async () => {
    await addAccount(store, { username: 'kim', roles: 'monitor', password: 'kim-password-1' }, T0);
    const { token } = (await signIn(store, 'kim', 'kim-password-1', T0))!;
    expect(authenticate(store, token, later(SESSION_IDLE_MS - 1000))?.expiresAt).toBe(later(2 * SESSION_IDLE_MS - 1000).toISOString());
    expect(authenticate(store, token, later(2 * SESSION_IDLE_MS - 2000))).toBeDefined();
    expect(authenticate(store, token, later(3 * SESSION_IDLE_MS))).toBeUndefined();
    const second = (await signIn(store, 'kim', 'kim-password-1', T0))!.token;
    expect(signOut(store, second, T0)).toBe(true);
    expect(authenticate(store, second, T0)).toBeUndefined();
  });

  it('ends every session of an account when it is disabled or its password is reset, seen by another connection', async () => {
    await addAccount(store, { username: 'kim', roles: 'monitor', password: 'kim-password-1' }, T0);
    const one = (await signIn(store, 'kim', 'kim-password-1', T0))!.token;
    const cli = AccountStore.openIn(dir); // the CLI, while the app runs
    await resetAccountPassword(cli, 'kim', 'kim-password-2', T0);
    expect(authenticate(store, one, T0)).toBeUndefined();
    const two = (await signIn(store, 'kim', 'kim-password-2', T0))!.token;
    cli.disable('kim', T0);
    cli.close();
    expect(authenticate(store, two, T0)).toBeUndefined();
  });

  it('applies a role change on the next check', async () => {
    await addAccount(store, { username: 'kim', roles: 'monitor', password: 'kim-password-1' }, T0);
    const { token } = (await signIn(store, 'kim', 'kim-password-1', T0))!;
    setAccountRoles(store, 'kim', 'clinician', T0);
    expect(authenticate(store, token, T0)?.roles).toEqual(['clinician']);
  });

  it('names the field of every bad input', async () => {
    await expect(addAccount(store, { username: 'Kim', roles: 'monitor' }, T0)).rejects.toMatchObject({ field: 'username' });
    await expect(addAccount(store, { username: 'kim', roles: 'nurse' }, T0)).rejects.toMatchObject({ field: 'roles', reason: expect.stringMatching(/unknown role nurse/) });
    await expect(addAccount(store, { username: 'kim', roles: 'monitor', password: 'short' }, T0)).rejects.toBeInstanceOf(AccountInputError);
    await addAccount(store, { username: 'kim', roles: 'monitor' }, T0);
    await expect(addAccount(store, { username: 'kim', roles: 'monitor' }, T0)).rejects.toBeInstanceOf(AccountExistsError);
    expect(() => setAccountRoles(store, 'nobody', 'monitor', T0)).toThrow(AccountNotFoundError);
  });

  it('generates a password when none is given', async () => {
    const { generatedPassword } = await addAccount(store, { username: 'kim', roles: 'monitor' }, T0);
    expect(await signIn(store, 'kim', generatedPassword!, T0)).toBeDefined();
  });

  describe('the first admin', () => {
    it('is created once, with the configured password', async () => {
      expect(await ensureFirstAdmin(store, 'configured-admin-password', T0)).toEqual({ created: true });
      expect(await signIn(store, 'admin', 'configured-admin-password', T0)).toMatchObject({ roles: ['admin'] });
      expect(await ensureFirstAdmin(store, 'another-password-entirely', T0)).toEqual({ created: false });
      expect(await signIn(store, 'admin', 'another-password-entirely', T0)).toBeUndefined();
    });

    it('gets a random password to print once when none is configured, never a fixed one', async () => {
      const first = await ensureFirstAdmin(store, undefined, T0);
      const otherDir = mkdtempSync(join(tmpdir(), 'vigil-accounts-'));
      const other = AccountStore.openIn(otherDir);
      const second = await ensureFirstAdmin(other, undefined, T0);
      other.close();
      rmSync(otherDir, { recursive: true, force: true });
      expect(first).toMatchObject({ created: true, generatedPassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
      expect(second).toMatchObject({ created: true });
      expect((second as { generatedPassword: string }).generatedPassword).not.toBe((first as { generatedPassword: string }).generatedPassword);
    });

    it('is created even when other accounts were added before the first start', async () => {
      await addAccount(store, { username: 'kim', roles: 'monitor' }, T0);
      expect(await ensureFirstAdmin(store, 'configured-admin-password', T0)).toEqual({ created: true });
    });

    it('refuses a configured password that breaks the policy, naming it', async () => {
      await expect(ensureFirstAdmin(store, 'short', T0)).rejects.toMatchObject({ field: 'password' });
    });
  });
});

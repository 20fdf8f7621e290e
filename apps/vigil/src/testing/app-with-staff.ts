import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCOUNT_STORE, addAccount, ROLES, setAccountPin, signIn, type AccountStore, type Role } from '@vigil/auth';
import { loadConfig } from '@vigil/platform';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../create-app';

export const ADMIN_PASSWORD = 'int-admin-password';
/** The monitor's PIN, for acknowledging on a display. */
export const MONITOR_PIN = '2468';
export const passwordOf = (username: string) => `${username}-password-for-tests`;

/** The whole app in-process on a fresh data directory (filled by `prepare` before the app starts), with one account per role (named after it). */
export async function appWithStaff(prepare?: (dataDir: string) => Promise<void>): Promise<{ app: NestFastifyApplication; accounts: AccountStore; dataDir: string; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-staff-'));
  await prepare?.(dataDir);
  // The first admin, created at bootstrap, is the `admin` role's account.
  const config = loadConfig({ VIGIL_DATA_DIR: dataDir, LOG_LEVEL: 'silent', VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD }, dataDir);
  const app = await createApp(config, { logger: false });
  await app.init();
  const accounts = app.get<AccountStore>(ACCOUNT_STORE);
  for (const role of ROLES.filter((r) => r !== 'admin')) await addAccount(accounts, { username: role, roles: role, password: passwordOf(role) }, new Date());
  await setAccountPin(accounts, 'monitor', MONITOR_PIN, new Date());
  return {
    app,
    accounts,
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh session token for the account named after `role` (`admin` is the first admin). */
export async function tokenOf(accounts: AccountStore, role: Role): Promise<string> {
  const signedIn = await signIn(accounts, role, role === 'admin' ? ADMIN_PASSWORD : passwordOf(role), new Date());
  if (!signedIn) throw new Error(`${role} could not sign in`);
  return signedIn.token;
}

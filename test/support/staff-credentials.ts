import { AccountExistsError, AccountStore, addAccount } from '@vigil/auth';
import type { Page } from 'playwright-core';

/**
 * Staff credentials for the suites (docs/security.md, "Tests"): every app a suite starts gets, in
 * its data directory before the first start, the first admin's password (no random one printed)
 * and one clinician account; the support signs in once the app answers and sends the token with
 * every staff request, so the specs read as before. Browser tests sign in through the page.
 */
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password-not-secret';
export const E2E_STAFF = { username: 'e2e-clinician', password: 'e2e-clinician-password', roles: 'clinician' } as const;

/** The environment every e2e app starts with: the first admin's password is known, never printed. */
export const staffEnv = (): Record<string, string> => ({ VIGIL_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD });

const tokens = new Map<string, string>();

/** Creates the clinician account in the data directory (idempotent: a restarted app keeps it). */
export async function prepareStaffAccounts(dataDir: string, accounts: { username: string; password: string; roles: string }[] = [E2E_STAFF]): Promise<void> {
  const store = AccountStore.openIn(dataDir);
  try {
    for (const account of accounts) {
      try {
        await addAccount(store, account, new Date());
      } catch (error) {
        if (!(error instanceof AccountExistsError)) throw error;
      }
    }
  } finally {
    store.close();
  }
}

export async function signIn(url: string, username: string, password: string): Promise<{ status: number; token?: string; body: unknown }> {
  const response = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await response.json()) as { token?: string };
  return { status: response.status, body, ...(body.token ? { token: body.token } : {}) };
}

/** Signs the e2e clinician in to the app at `url` and remembers the token for that origin. */
export async function signInStaff(url: string): Promise<string> {
  const answer = await signIn(url, E2E_STAFF.username, E2E_STAFF.password);
  if (!answer.token) throw new Error(`the e2e clinician could not sign in to ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  tokens.set(new URL(url).origin, answer.token);
  return answer.token;
}

export function staffTokenFor(url: string): string | undefined {
  return tokens.get(new URL(url).origin);
}

/** `Authorization: Bearer …` for the app at `url` once its staff signed in; nothing before. */
export function staffHeaders(url: string): Record<string, string> {
  const token = staffTokenFor(url);
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Like a person: open the page, see the sign-in screen, type the name and password, press Sign in. */
export async function signInThroughPage(page: Page, url: string, account: { username: string; password: string } = E2E_STAFF): Promise<void> {
  await page.goto(url);
  await page.locator('#sign-in-form').waitFor();
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#signed-in-as').filter({ hasText: account.username }).waitFor();
}

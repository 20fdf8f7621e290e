import { AccountExistsError, AccountStore, addAccount } from '@vigil/auth';

// Every door needs a signed-in account (docs/security.md): a benchmark's app gets a known first
// admin password and a clinician, created in its data directory before the first start, and the
// benchmark signs in like any API client.

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password-not-secret';
const BENCH_STAFF = { username: 'bench-clinician', password: 'bench-clinician-password', roles: 'clinician' } as const;

/** The environment a benchmark's app starts with: no random admin password printed. */
export const benchStaffEnv = (): Record<string, string> => ({ VIGIL_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD });

export async function prepareBenchStaff(dataDir: string): Promise<void> {
  const store = AccountStore.openIn(dataDir);
  try {
    await addAccount(store, BENCH_STAFF, new Date());
  } catch (error) {
    if (!(error instanceof AccountExistsError)) throw error;
  } finally {
    store.close();
  }
}

/** The clinician's bearer token for the app at `url`. */
export async function signInBenchStaff(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: BENCH_STAFF.username, password: BENCH_STAFF.password }) });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error(`the bench clinician could not sign in: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

import { rmSync } from 'node:fs';
import { BuiltServiceProcess, builtMain, REPOSITORY_ROOT } from '../../apps/vigil/src/testing/built-service-process';
import { appStoreEnv, dropAppStore } from './app-store';
import { prepareStaffAccounts, signInStaff, staffEnv, staffHeaders } from './staff-credentials';
import { expectLiveRulesReproduce } from './live-rules-reproduce';

export { freePort, gatewaysEnv, makeGateway, type TestGateway } from '../../apps/vigil/src/testing/built-service-process';

export const ROOT = REPOSITORY_ROOT;
export const MAIN = builtMain('vigil');

/**
 * The built embedded app (or, with `main`, a distributed service) as a child process on 127.0.0.1,
 * its store chosen as the e2e suites run it (./app-store.ts) and its clinician signed in once it answers.
 */
export class VigilProcess extends BuiltServiceProcess {
  constructor(env: Record<string, string> = {}, dataDir?: string, main: string = MAIN) {
    super(main, dataDir, { beforeStart: (dir) => prepareStaffAccounts(dir), afterReady: (url) => signInStaff(url) });
    // The store's environment names the data directory, known only now; the caller's env still wins.
    Object.assign(this.env, { ...appStoreEnv(this.dataDir), ...staffEnv(), ...env });
  }

  /**
   * SIGTERM, after checking (issue 13) that every session recorded so far re-evaluates under the
   * live rule set with no difference: checked while the app is up, for every suite on this harness;
   * the app stops whatever the answer, then the difference fails the suite.
   */
  async stop(): Promise<void> {
    const running = this.running;
    // Only the embedded app answers for the alert engine; a distributed service's test compares
    // its stored alarms with a replay itself (test/e2e/distributed.e2e-spec.ts).
    const reproduced = running && this.main === MAIN ? await expectLiveRulesReproduce(this).then(() => undefined, (error: unknown) => error) : undefined;
    await this.kill('SIGTERM');
    if (reproduced !== undefined) throw reproduced;
  }

  async cleanup(): Promise<void> {
    await dropAppStore(this.dataDir);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...staffHeaders(this.url), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async get(path: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.url}${path}`, { headers: staffHeaders(this.url) });
    return { status: response.status, body: await response.json() };
  }
}

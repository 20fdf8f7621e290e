import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appStoreEnv, dropAppStore } from './app-store';
import { expectLiveRulesReproduce } from './live-rules-reproduce';
import { prepareStaffAccounts, signInStaff, staffEnv, staffHeaders } from './staff-credentials';

export const ROOT = resolve(__dirname, '..', '..');
export const BUILT_MAIN = join(ROOT, 'dist', 'apps', 'vigil', 'src', 'main.js');

export type BuiltApp = {
  url: string;
  gatewayId: string;
  token: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The built embedded app as a child process on 127.0.0.1, with a fresh data directory and one
 * gateway whose token is generated here (only its SHA-256 is configured, as in production).
 */
export async function startBuiltApp(options: { env?: NodeJS.ProcessEnv; gatewayId?: string } = {}): Promise<BuiltApp> {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run "npm run build" first (npm run test:e2e does)`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  const gatewayId = options.gatewayId ?? 'gw-e2e';
  const token = randomBytes(24).toString('hex');
  const tokenSha256 = createHash('sha256').update(token).digest('hex');
  await prepareStaffAccounts(dataDir);
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [BUILT_MAIN], {
    cwd: dataDir,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      VIGIL_DATA_DIR: dataDir,
      VIGIL_GATEWAYS: JSON.stringify([{ gatewayId, tokenSha256 }]),
      LOG_LEVEL: 'warn',
      ...appStoreEnv(dataDir),
      ...staffEnv(),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before answering:\n${output}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) {
        await signInStaff(url);
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not answer ${url}/api/v1/health within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    gatewayId,
    token,
    dataDir,
    output: () => output,
    stop: async () => {
      // Issue 13: every session a suite recorded re-evaluates under the live rule set with no
      // difference. Checked here, while the app is up, for every suite on this harness; the app
      // is stopped and removed whatever the answer, then the difference fails the suite.
      const reproduced = child.exitCode === null ? await expectLiveRulesReproduce({ url, dataDir }).then(() => undefined, (error: unknown) => error) : undefined;
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await dropAppStore(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
      if (reproduced !== undefined) throw reproduced;
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...staffHeaders(url), ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export type OximetryInput = { deviceId: string; measuredAt: string; spo2: number; pulseRate: number; sensorOff?: boolean };
export type BloodPressureInput = { deviceId: string; measuredAt: string; systolic: number; diastolic: number };

/** Posts readings through the gateway ingest API and insists on 202 with every reading accepted. */
export async function postReadings(app: BuiltApp, readings: ((OximetryInput & { kind: 'oximetry' }) | (BloodPressureInput & { kind: 'bloodPressure' }))[]): Promise<void> {
  const { status, body } = await postJson(`${app.url}/api/v1/ingest/readings`, { gatewayId: app.gatewayId, readings }, { authorization: `Bearer ${app.token}` });
  const accepted = (body as { accepted?: number } | undefined)?.accepted;
  if (status !== 202 || accepted !== readings.length) throw new Error(`ingest answered ${status} ${JSON.stringify(body)} for ${readings.length} reading(s)`);
}

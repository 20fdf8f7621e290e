import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Built apps (the embedded app or a distributed service, docs/distributed.md) started as OS
// processes on 127.0.0.1, shared by the e2e harness (test/support/vigil-process.ts) and the
// benchmarks (bench/distributed.bench.ts). It lives here, under apps/, because the build compiles
// apps/ and bench/ but not test/, and the benchmarks run from dist/.

/** The repository's root, from the sources (tests) and from dist/ (benchmarks) alike. */
export const REPOSITORY_ROOT = findRepositoryRoot(__dirname);

function findRepositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}

/** The built entry point of an app under apps/ (`npm run build` first). */
export const builtMain = (app: string) => join(REPOSITORY_ROOT, 'dist', 'apps', app, 'src', 'main.js');

export type TestGateway = { gatewayId: string; token: string };

export function makeGateway(gatewayId = 'gw-test'): TestGateway {
  return { gatewayId, token: randomBytes(24).toString('base64url') };
}

/** VIGIL_GATEWAYS for these gateways: each token's SHA-256, as an operator configures it. */
export const gatewaysEnv = (gateways: TestGateway[]) =>
  JSON.stringify(gateways.map((g) => ({ gatewayId: g.gatewayId, tokenSha256: createHash('sha256').update(g.token).digest('hex') })));

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export type BuiltServiceOptions = {
  /** Put over the inherited environment, after HOST, PORT, VIGIL_DATA_DIR and LOG_LEVEL=warn. */
  readonly env?: Record<string, string>;
  /** Node's own flags before the entry point (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** Run before each start, on the data directory (staff accounts). */
  readonly beforeStart?: (dataDir: string) => Promise<void>;
  /** Run once the service is ready, with its URL (signing in). */
  readonly afterReady?: (url: string) => Promise<unknown>;
};

/** A built app as a child process on 127.0.0.1, on a free port at each start, with its own or a shared data directory. */
export class BuiltServiceProcess {
  private child?: ChildProcess;
  readonly dataDir: string;
  /** The environment of the next start (a subclass may add what depends on the data directory). */
  protected readonly env: Record<string, string>;
  url = '';
  output = '';

  constructor(
    readonly main: string,
    dataDir?: string,
    private readonly options: BuiltServiceOptions = {},
  ) {
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
    this.env = { ...options.env };
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `ready`: when the health answer means started (default: 200; a standby alerting service answers 503 "standby"). */
  async start(timeoutMs = 15_000, ready: (response: Response) => Promise<boolean> | boolean = (response) => response.ok): Promise<number> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    await this.options.beforeStart?.(this.dataDir);
    this.child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), this.main], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), VIGIL_DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk) => (this.output += chunk));
    this.child.stderr?.on('data', (chunk) => (this.output += chunk));
    while (Date.now() - started < timeoutMs) {
      if (this.child.exitCode !== null) throw new Error(`${this.main} exited with ${this.child.exitCode}:\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/api/v1/health`);
        if (await ready(response)) {
          await this.options.afterReady?.(this.url);
          return Date.now() - started;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${this.main} did not answer /api/v1/health within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGKILL by default: no shutdown hook runs, exactly like a power cut for the process. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill(signal);
    });
  }
}

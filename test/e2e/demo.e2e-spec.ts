import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, freePort } from '../support/built-app';

// `npm run demo` (issue 15 item 8): it says where its data is and how to verify it, and the gateway
// token reaches the simulator through the environment, not a command line that `ps` shows.

jest.setTimeout(90_000);

/** The command lines of a process's descendants, as `ps` would show them. */
function descendantCommandLines(pid: number): string[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const lines: string[] = [];
  for (const [child] of parentOf) {
    let ancestor = parentOf.get(child);
    while (ancestor !== undefined && ancestor !== pid && ancestor > 1) ancestor = parentOf.get(ancestor);
    if (ancestor !== pid) continue;
    try {
      lines.push(readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // ended meanwhile
    }
  }
  return lines;
}

describe('npm run demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints where its data is and how to verify it, and keeps the gateway token off the command line', async () => {
    const port = await freePort();
    const demo = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.js')], { cwd: ROOT, env: { ...process.env, PORT: String(port), VIGIL_DEMO_DATA_DIR: dataDir, VIGIL_EVENT_STORE: 'sqlite' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => demo.once('exit', resolve));
    try {
      const deadline = Date.now() + 45_000;
      while (!output.includes('Check its hash chains') && Date.now() < deadline && demo.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      expect(output).toContain(`[demo] Data: ${dataDir} (the SQLite event store events.sqlite`);
      expect(output).toContain(`[demo] Check its hash chains: npx vigil verify --data-dir ${dataDir}`);
      // Wait for the simulator to be running, then read every descendant's command line.
      let lines: string[] = [];
      for (let i = 0; i < 50 && !lines.some((line) => line.includes(' simulate ')); i++) {
        lines = descendantCommandLines(demo.pid!);
        await new Promise((r) => setTimeout(r, 100));
      }
      const simulator = lines.find((line) => line.includes(' simulate '));
      expect(simulator).toBeDefined();
      expect(simulator).not.toMatch(/--token/);
      for (const line of lines) expect(line).not.toMatch(/--token|[0-9a-f]{48}/);
    } finally {
      demo.kill('SIGINT');
      await exited;
    }
    // The printed command works on what the demo stored.
    const verify = spawnSync(process.execPath, [join(ROOT, 'bin', 'vigil.js'), 'verify', '--data-dir', dataDir, '--store', 'sqlite'], { cwd: ROOT, encoding: 'utf8' });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
  });
});

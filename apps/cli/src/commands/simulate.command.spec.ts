import { Command } from 'commander';
import { FakeClock, FakeVigilServer } from '@vigil/simulator';
import { registerSimulateCommand } from './simulate.command';

function setup(env: NodeJS.ProcessEnv = {}) {
  const server = new FakeVigilServer();
  const clock = new FakeClock(Date.parse('2026-03-14T09:00:00.000Z'));
  let stderr = '';
  let stop: (() => void) | undefined;
  const program = new Command('vigil').exitOverride();
  registerSimulateCommand(program, {
    http: server.http,
    now: clock.now,
    // Yield to the event loop on every sleep, as a real timer would, so a test can interrupt a run.
    sleep: async (ms) => {
      await clock.sleep(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    env,
    writeError: (text) => {
      stderr += text;
    },
    onStopSignal: (handler) => {
      stop = handler;
      return () => {
        stop = undefined;
      };
    },
  });
  const run = (...args: string[]) => program.parseAsync(['node', 'vigil', 'simulate', ...args]);
  return { server, clock, run, stderr: () => stderr, stop: () => stop?.() };
}

describe('vigil simulate', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('runs the requested sessions for the requested duration and prints a summary', async () => {
    const { server, run, stderr } = setup();
    await run('--url', 'http://vigil.test', '--token', 't', '--sessions', '3', '--seed', '9', '--duration', '12');
    expect(server.sessions.size).toBe(3);
    expect(server.ingestCalls).toHaveLength(12);
    expect(server.ingestCalls[0]?.gatewayId).toBe('sim-gateway-1');
    expect(stderr()).toContain('session session-1: Room 1, Patient-9-1');
    expect(stderr()).toMatch(/finished after 12 simulated s; 3 sessions, left open; sent=\d+ accepted=\d+ duplicates=0 rejected=0 errors=0/);
    expect(process.exitCode).toBeUndefined();
  });

  it('takes the token from VIGIL_GATEWAY_TOKEN and the gateway id from --gateway-id', async () => {
    const { server, run } = setup({ VIGIL_GATEWAY_TOKEN: 'from-env' });
    await run('--url', 'http://vigil.test', '--gateway-id', 'gw-7', '--duration', '1', '--quiet');
    const ingest = server.requests.find((request) => request.url.endsWith('/ingest/readings'));
    expect(ingest?.headers).toEqual({ authorization: 'Bearer from-env' });
    expect(server.ingestCalls[0]?.gatewayId).toBe('gw-7');
  });

  it('uses the demo scenario with --demo', async () => {
    const { server, run } = setup();
    await run('--url', 'http://vigil.test', '--token', 't', '--demo', '--duration', '1', '--quiet');
    expect(server.sessions.size).toBe(8);
  });

  it('refuses to start without a token', async () => {
    const { server, run, stderr } = setup();
    await run('--duration', '1');
    expect(stderr()).toContain('a gateway token is required: pass --token or set VIGIL_GATEWAY_TOKEN');
    expect(process.exitCode).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it('exits non-zero with a clear message when the server refuses the token', async () => {
    const { server, run, stderr } = setup();
    server.ingestScript.push(401);
    await run('--url', 'http://vigil.test', '--token', 'wrong', '--duration', '60', '--quiet');
    expect(stderr()).toContain('refused the gateway token (401');
    expect(process.exitCode).toBe(1);
    expect(server.ingestCalls).toHaveLength(1);
  });

  it('rejects a bad number and a rate above 1 without a duration', async () => {
    const bad = setup();
    await expect(bad.run('--token', 't', '--sessions', 'two')).rejects.toThrow('--sessions must be a whole number');
    const fast = setup();
    await fast.run('--token', 't', '--rate', '5');
    expect(fast.stderr()).toContain('invalid option --rate 5: a rate above 1 needs a duration');
    expect(process.exitCode).toBe(1);
  });

  it('stops gracefully on SIGINT, leaving the sessions open', async () => {
    const { server, run, stderr, stop } = setup();
    // No --duration: only the signal ends this run.
    const running = run('--url', 'http://vigil.test', '--token', 't', '--sessions', '1', '--quiet');
    while (server.ingestCalls.length < 3) await new Promise((resolve) => setImmediate(resolve));
    stop();
    await running;
    expect(stderr()).toContain('stopping after the request in flight');
    expect(stderr()).toMatch(/stopped after [34] simulated s; 1 sessions, left open/);
    expect([...server.sessions.values()][0]?.ended).toBe(false);
    expect(process.exitCode).toBeUndefined();
  });
});

import { InvalidArgumentError, type Command } from 'commander';
import {
  abortableSleep,
  demoScenario,
  fetchHttpClient,
  formatStats,
  GatewayAuthorizationError,
  InvalidSimulationConfigError,
  runSimulation,
  SIMULATION_DEFAULTS,
  type HttpClient,
  type SimulationConfig,
  type SimulationPorts,
} from '@vigil/simulator';

/** What the command needs from the process, replaceable in tests. */
export type SimulateCommandDependencies = {
  http: HttpClient;
  now: () => number;
  sleep: SimulationPorts['sleep'];
  env: NodeJS.ProcessEnv;
  writeError: (text: string) => void;
  /** Calls `stop` on SIGINT / SIGTERM; returns a function that removes the handlers. */
  onStopSignal: (stop: () => void) => () => void;
};

type SimulateOptions = {
  url: string;
  token?: string;
  staffToken?: string;
  gatewayId: string;
  sessions: number;
  seed: number;
  duration?: number;
  rate: number;
  demo?: boolean;
  endSessions?: boolean;
  quiet?: boolean;
};

export const GATEWAY_TOKEN_ENV = 'VIGIL_GATEWAY_TOKEN';
export const STAFF_TOKEN_ENV = 'VIGIL_STAFF_TOKEN';

/** The option a configuration field came from, so that an error names what the user typed. */
const OPTION_OF_FIELD: Partial<Record<keyof SimulationConfig, string>> = {
  baseUrl: '--url',
  token: '--token',
  gatewayId: '--gateway-id',
  seed: '--seed',
  sessions: '--sessions',
  durationSeconds: '--duration',
  rate: '--rate',
};

const wholeNumber = (label: string, min: number, max = Number.MAX_SAFE_INTEGER) => (value: string): number => {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new InvalidArgumentError(`${label} must be a whole number from ${min} to ${max}, not "${value}".`);
  }
  return parsed;
};

const positiveNumber = (label: string) => (value: string): number => {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) {
    throw new InvalidArgumentError(`${label} must be a number greater than 0, not "${value}".`);
  }
  return parsed;
};

function processSignals(stop: () => void): () => void {
  // `once`: a second Ctrl-C finds no handler and Node's default ends the process at once.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return () => {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  };
}

const defaultDependencies = (): SimulateCommandDependencies => ({
  http: fetchHttpClient({ timeoutMs: 10_000 }),
  now: () => Date.now(),
  sleep: abortableSleep,
  env: process.env,
  writeError: (text) => process.stderr.write(text),
  onStopSignal: processSignals,
});

export function registerSimulateCommand(program: Command, overrides: Partial<SimulateCommandDependencies> = {}): void {
  program
    .command('simulate')
    .description(
      'Run simulated KAP patients against a Vigil server: opens a session per patient, binds an oximeter ' +
        '(1 Hz) and a BP cuff (every 5 min and 40 min after the dose), records the dose and posts readings ' +
        'as a gateway. Odd-numbered patients send decoded readings, even-numbered ones raw GATT bytes.',
    )
    .option('--url <url>', 'Vigil server base URL', SIMULATION_DEFAULTS.baseUrl)
    .option('--token <token>', `gateway token (default: $${GATEWAY_TOKEN_ENV})`)
    .option('--staff-token <token>', `a signed-in clinician's bearer token for opening sessions (default: $${STAFF_TOKEN_ENV})`)
    .option('--gateway-id <id>', 'gateway id the token is bound to', SIMULATION_DEFAULTS.gatewayId)
    .option('--sessions <n>', 'number of simulated patients', wholeNumber('--sessions', 1), SIMULATION_DEFAULTS.sessions)
    .option('--seed <s>', 'seed: the same seed gives the same patients and readings', wholeNumber('--seed', 0, 0xffffffff), SIMULATION_DEFAULTS.seed)
    .option('--duration <seconds>', 'seconds of simulated time, then stop (default: until Ctrl-C / SIGTERM)', wholeNumber('--duration', 1))
    .option('--rate <factor>', 'simulated seconds per wall-clock second (above 1 needs --duration)', positiveNumber('--rate'), SIMULATION_DEFAULTS.rate)
    .option('--demo', 'use the demo scenario: patients in every phase, a desaturation and a hypertensive surge in the first minute')
    .option('--end-sessions', 'end the sessions when the simulation stops (default: leave them open)')
    .option('--quiet', 'print only warnings and the final summary')
    .action(async (options: SimulateOptions) => {
      await simulate(options, { ...defaultDependencies(), ...overrides });
    });
}

async function simulate(options: SimulateOptions, dependencies: SimulateCommandDependencies): Promise<void> {
  const { writeError } = dependencies;
  const token = options.token ?? dependencies.env[GATEWAY_TOKEN_ENV];
  if (!token) {
    writeError(`vigil simulate: a gateway token is required: pass --token or set ${GATEWAY_TOKEN_ENV}.\n`);
    process.exitCode = 1;
    return;
  }
  const staffToken = options.staffToken ?? dependencies.env[STAFF_TOKEN_ENV];
  const config: SimulationConfig = {
    baseUrl: options.url,
    token,
    ...(staffToken ? { staffToken } : {}),
    gatewayId: options.gatewayId,
    seed: options.seed,
    sessions: options.sessions,
    ...(options.demo && { scenarios: demoScenario(options.sessions) }),
    ...(options.duration !== undefined && { durationSeconds: options.duration }),
    rate: options.rate,
    endSessions: options.endSessions === true,
  };
  const controller = new AbortController();
  const removeSignalHandlers = dependencies.onStopSignal(() => {
    writeError('vigil simulate: stopping after the request in flight (press Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  try {
    const report = await runSimulation(config, {
      http: dependencies.http,
      now: dependencies.now,
      sleep: dependencies.sleep,
      signal: controller.signal,
      log: {
        info: (line) => {
          if (!options.quiet) writeError(`vigil simulate: ${line}\n`);
        },
        warn: (line) => writeError(`vigil simulate: warning: ${line}\n`),
      },
    });
    const stopped = report.stoppedBy === 'duration' ? 'finished' : 'stopped';
    const ended = config.endSessions ? `, ${report.endedSessions} ended` : ', left open';
    writeError(
      `vigil simulate: ${stopped} after ${report.simulatedSeconds} simulated s; ` +
        `${report.sessions.length} sessions${ended}; ${formatStats(report.stats)}\n`,
    );
    if (report.stats.errors > 0 || report.stats.rejected > 0) {
      writeError('vigil simulate: some readings were not stored (see errors / rejected above)\n');
      process.exitCode = 1;
    }
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof GatewayAuthorizationError) {
      writeError(`vigil simulate: ${error.message}\n`);
    } else if (error instanceof InvalidSimulationConfigError) {
      const option = OPTION_OF_FIELD[error.field] ?? error.field;
      const value = error.field === 'token' ? '' : ` ${JSON.stringify(error.value)}`;
      writeError(`vigil simulate: invalid option ${option}${value}: ${error.reason}\n`);
    } else {
      writeError(`vigil simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  } finally {
    removeSignalHandlers();
  }
}

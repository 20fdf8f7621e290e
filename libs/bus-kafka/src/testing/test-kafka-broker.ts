import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parseKafkaBrokers } from '../kafka-bus-options';

const run = promisify(execFile);
// The repository's root, from the sources (tests) and from dist/ (bench/distributed.bench.ts) alike.
const root = (function findRoot(dir: string): string {
  if (existsSync(join(dir, 'scripts', 'kafka.js'))) return dir;
  if (dirname(dir) === dir) throw new Error(`scripts/kafka.js not found above ${__dirname}`);
  return findRoot(dirname(dir));
})(__dirname);
const kafkaScript = join(root, 'scripts', 'kafka.js');
// Confluent's image of Apache Kafka 3.9, the line pinned for scripts/kafka.js (docs/bus.md).
const CONTAINER_IMAGE = 'confluentinc/cp-kafka:7.9.0';

export type TestBrokerPlan =
  | { readonly kind: 'given'; readonly brokers: string[] }
  | { readonly kind: 'testcontainers' }
  | { readonly kind: 'local-script' }
  | { readonly kind: 'skip'; readonly reason: string };

export interface TestBroker {
  readonly brokers: string[];
  stop(): Promise<void>;
}

const hasCommand = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/** Where the Kafka tests get a broker: `KAFKA_BROKERS`, else testcontainers on a Docker engine, else scripts/kafka.js. */
export function planTestBroker(env: NodeJS.ProcessEnv = process.env): TestBrokerPlan {
  if (env.KAFKA_BROKERS) return { kind: 'given', brokers: parseKafkaBrokers(env.KAFKA_BROKERS) };
  if (env.DOCKER_HOST || existsSync('/var/run/docker.sock')) return { kind: 'testcontainers' };
  if (hasCommand('java', ['-version']) && hasCommand('mvn', ['-v'])) return { kind: 'local-script' };
  return { kind: 'skip', reason: 'no KAFKA_BROKERS, no Docker engine for testcontainers, and no java and mvn for scripts/kafka.js' };
}

export async function startTestBroker(plan: Exclude<TestBrokerPlan, { kind: 'skip' }>): Promise<TestBroker> {
  switch (plan.kind) {
    case 'given':
      return { brokers: plan.brokers, stop: async () => undefined };
    case 'testcontainers': {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const container = await new KafkaContainer(CONTAINER_IMAGE).withKraft().start();
      return { brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`], stop: async () => void (await container.stop()) };
    }
    case 'local-script': {
      await stopBrokersOfDeadTestRuns();
      // A run directory of this test process's own: it never stops a broker someone else started.
      const env = { ...process.env, VIGIL_KAFKA_RUN_DIR: join(root, '.kafka', `test-${process.pid}`) };
      const { stdout } = await run('node', [kafkaScript, 'start'], { env });
      const brokers = /^KAFKA_BROKERS=(.+)$/m.exec(stdout)?.[1];
      if (!brokers) throw new Error(`scripts/kafka.js start printed no KAFKA_BROKERS line: ${stdout}`);
      return { brokers: parseKafkaBrokers(brokers), stop: async () => void (await run('node', [kafkaScript, 'stop'], { env })) };
    }
    default: {
      const unreachable: never = plan;
      throw new Error(`unknown broker plan ${JSON.stringify(unreachable)}`);
    }
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A test run killed before its afterAll leaves its broker running: stop those whose test process is gone. */
async function stopBrokersOfDeadTestRuns(): Promise<void> {
  const kafkaDir = join(root, '.kafka');
  if (!existsSync(kafkaDir)) return;
  for (const entry of readdirSync(kafkaDir)) {
    const owner = /^test-(\d+)$/.exec(entry)?.[1];
    if (owner === undefined || isAlive(Number(owner))) continue;
    await run('node', [kafkaScript, 'stop'], { env: { ...process.env, VIGIL_KAFKA_RUN_DIR: join(kafkaDir, entry) } });
  }
}

/**
 * A describe block with a real broker for its tests, started once, or skipped with the reason when
 * none can be had. `brokers()` is valid inside the tests.
 */
export function describeWithKafka(name: string, body: (brokers: () => string[]) => void): void {
  const plan = planTestBroker();
  if (plan.kind === 'skip') {
    describe.skip(`${name} (skipped: ${plan.reason})`, () => {
      it('needs a Kafka broker', () => undefined);
    });
    return;
  }
  describe(`${name} (broker: ${plan.kind})`, () => {
    let broker: TestBroker | undefined;
    beforeAll(async () => {
      broker = await startTestBroker(plan);
    }, 300_000);
    afterAll(async () => {
      await broker?.stop();
    });
    body(() => {
      if (!broker) throw new Error('the Kafka broker did not start (see beforeAll)');
      return broker.brokers;
    });
  });
}

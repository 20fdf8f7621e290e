import { parseKafkaBrokers } from '@vigil/bus-kafka';

import { VIGIL_TOPICS, type TopicSpec } from '@vigil/bus';

export const BUS_KINDS = ['inproc', 'kafka'] as const;

/** What a distributed service reads from its environment besides VigilConfig (docs/distributed.md "Configuration"). */
export type DistributedConfig = {
  readonly bus: (typeof BUS_KINDS)[number];
  readonly kafkaBrokers: readonly string[];
  /** Names this process to the broker (kafkajs clientId) and in logs. */
  readonly instanceId: string;
  /** How long the group waits for a silent member before giving its partitions away. */
  readonly kafkaSessionTimeoutMs: number;
  /** Put before every topic and consumer-group name, so deployments (or test runs) can share a broker. */
  readonly busNamespace: string;
  /**
   * VIGIL_REDIS_URL: the dashboard instances share one live broadcast through the socket.io Redis
   * adapter (docs/distributed.md "Dashboard"); unset, each instance broadcasts to its own clients.
   */
  readonly redisUrl?: string;
};

export class DistributedConfigError extends Error {
  constructor(problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'DistributedConfigError';
  }
}

/** Reads VIGIL_BUS, KAFKA_BROKERS, VIGIL_INSTANCE_ID, KAFKA_SESSION_TIMEOUT_MS, VIGIL_BUS_NAMESPACE and VIGIL_REDIS_URL; every problem is named at once. */
export function loadDistributedConfig(service: string, env: NodeJS.ProcessEnv = process.env): DistributedConfig {
  const problems: string[] = [];
  const bus = env.VIGIL_BUS ?? 'inproc';
  if (!(BUS_KINDS as readonly string[]).includes(bus)) problems.push(`VIGIL_BUS must be one of ${BUS_KINDS.join(', ')}, got "${bus}"`);
  let kafkaBrokers: string[] = [];
  if (bus === 'kafka') {
    if (!env.KAFKA_BROKERS) problems.push('KAFKA_BROKERS is required when VIGIL_BUS=kafka (host:port[,host:port...])');
    else {
      try {
        kafkaBrokers = parseKafkaBrokers(env.KAFKA_BROKERS);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
  }
  const timeout = env.KAFKA_SESSION_TIMEOUT_MS ?? '30000';
  // Kafka's group.min.session.timeout.ms defaults to 6 s: a shorter one is refused by the broker.
  if (!/^\d+$/.test(timeout) || Number(timeout) < 6000) problems.push(`KAFKA_SESSION_TIMEOUT_MS must be a whole number of milliseconds of at least 6000, got "${timeout}"`);
  const instanceId = env.VIGIL_INSTANCE_ID ?? `${service}-${process.pid}`;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(instanceId)) problems.push(`VIGIL_INSTANCE_ID must be 1 to 100 of A-Z a-z 0-9 . _ -, got "${instanceId}"`);
  const busNamespace = env.VIGIL_BUS_NAMESPACE ?? '';
  if (!/^[A-Za-z0-9._-]{0,100}$/.test(busNamespace)) problems.push(`VIGIL_BUS_NAMESPACE must be at most 100 of A-Z a-z 0-9 . _ -, got "${busNamespace}"`);
  const redisUrl = env.VIGIL_REDIS_URL || undefined;
  const redisProblem = redisUrl === undefined ? undefined : redisUrlProblem(redisUrl);
  if (redisProblem) problems.push(redisProblem);
  if (problems.length > 0) throw new DistributedConfigError(problems);
  return { bus: bus as DistributedConfig['bus'], kafkaBrokers, instanceId, kafkaSessionTimeoutMs: Number(timeout), busNamespace, ...(redisUrl ? { redisUrl } : {}) };
}

/** The URL may hold a password: a problem names its form, never the value. */
function redisUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'VIGIL_REDIS_URL must be a URL such as redis://127.0.0.1:6379 (it is not a URL)';
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return `VIGIL_REDIS_URL must start with redis:// or rediss://, got "${url.protocol}//"`;
  if (!url.hostname) return 'VIGIL_REDIS_URL must name a host (redis://host:port)';
  return undefined;
}

/** The relay's topic in this deployment's namespace. */
export function eventsTopic(config: DistributedConfig): TopicSpec {
  return { ...VIGIL_TOPICS.events, name: `${config.busNamespace}${VIGIL_TOPICS.events.name}` };
}

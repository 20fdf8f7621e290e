import type { KafkaConfig, logLevel, RetryOptions } from 'kafkajs';

export interface KafkaBusOptions {
  /** `host:port` of one or more brokers (`KAFKA_BROKERS`, comma-separated). */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Longer than this without a fetch, heartbeat or join answered (while no handler runs): unhealthy. */
  readonly brokerSilenceLimitMs?: number;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** How long a fetch waits for new messages: bounds an idle consumer's silence and its rebalance reaction. */
  readonly maxWaitTimeMs?: number;
  /** Partitions whose batches one subscriber handles at once (never two batches of one partition). */
  readonly partitionsConsumedConcurrently?: number;
  /** How long `subscribe` waits for the group to give this member its partitions. */
  readonly joinTimeoutMs?: number;
  /** kafkajs's retry policy for the producer, the admin client and the consumers. */
  readonly retry?: RetryOptions;
  readonly logLevel?: logLevel;
  /** Anything else kafkajs takes (TLS, SASL, a socket factory); brokers and clientId above win. */
  readonly kafka?: Partial<KafkaConfig>;
}

export const KAFKA_BUS_DEFAULTS = {
  brokerSilenceLimitMs: 30_000,
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  maxWaitTimeMs: 1_000,
  partitionsConsumedConcurrently: 4,
  joinTimeoutMs: 60_000,
} as const;

/** `KAFKA_BROKERS` (`host:port,host:port`) as a broker list, refusing an entry without a port. */
export function parseKafkaBrokers(value: string): string[] {
  const brokers = value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is empty: expected host:port[,host:port...]');
  for (const broker of brokers) {
    if (!/^[^:\s]+:\d{1,5}$/.test(broker)) throw new Error(`KAFKA_BROKERS: "${broker}" is not host:port`);
  }
  return brokers;
}

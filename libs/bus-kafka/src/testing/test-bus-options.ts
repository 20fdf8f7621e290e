import { randomUUID } from 'node:crypto';
import { logLevel } from 'kafkajs';
import type { KafkaBusOptions } from '../kafka-bus-options';

/**
 * Settings that keep each test bounded: short heartbeats and fetch waits so rebalances and restarts
 * happen within seconds, few quick retries, a short silence limit; kafkajs's own log silenced (the
 * tests provoke the failures it would log).
 */
export function testBusOptions(brokers: string[], overrides: Partial<KafkaBusOptions> = {}): KafkaBusOptions {
  return {
    brokers,
    clientId: `vigil-test-${randomUUID().slice(0, 8)}`,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 500,
    maxWaitTimeMs: 200,
    brokerSilenceLimitMs: 5_000,
    joinTimeoutMs: 60_000,
    retry: { initialRetryTime: 100, maxRetryTime: 1_000, retries: 3 },
    logLevel: logLevel.NOTHING,
    ...overrides,
  };
}

import { SubscriptionHealth, type BusHealth, type DeliveredBatch, type SubscribeOptions, type Subscription } from '@vigil/bus';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { KAFKA_BUS_DEFAULTS, type KafkaBusOptions } from './kafka-bus-options';

/**
 * One consumer-group member over kafkajs's `eachBatch` (docs/bus.md, "Why kafkajs directly"):
 * auto-commit and auto-resolve are off, and a batch's offset is committed only after the handler's
 * promise resolved, i.e. after its work is durable. A rejection is rethrown to kafkajs, which fetches
 * the batch again and, after its retries, crashes and restarts the consumer; both show in `health()`.
 */
export class KafkaSubscription implements Subscription {
  readonly topic: string;
  readonly groupId: string;
  private readonly consumer: Consumer;
  private readonly state: SubscriptionHealth;
  private stopped = false;
  private readonly abandon: Promise<'abandoned'>;
  private signalAbandon: () => void = () => undefined;

  constructor(kafka: Kafka, private readonly options: SubscribeOptions, private readonly bus: KafkaBusOptions) {
    this.topic = options.topic;
    this.groupId = options.groupId;
    this.abandon = new Promise((resolve) => {
      this.signalAbandon = () => resolve('abandoned');
    });
    this.state = new SubscriptionHealth({
      label: `group "${options.groupId}" on topic "${options.topic}"`,
      brokerSilenceLimitMs: bus.brokerSilenceLimitMs ?? KAFKA_BUS_DEFAULTS.brokerSilenceLimitMs,
    });
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: bus.sessionTimeoutMs ?? KAFKA_BUS_DEFAULTS.sessionTimeoutMs,
      heartbeatInterval: bus.heartbeatIntervalMs ?? KAFKA_BUS_DEFAULTS.heartbeatIntervalMs,
      maxWaitTimeInMs: bus.maxWaitTimeMs ?? KAFKA_BUS_DEFAULTS.maxWaitTimeMs,
      allowAutoTopicCreation: false,
      ...(bus.retry === undefined ? {} : { retry: bus.retry }),
    });
  }

  /** Resolves once the group has given this member its partitions. */
  async start(): Promise<void> {
    const { CRASH, FETCH, HEARTBEAT, GROUP_JOIN } = this.consumer.events;
    this.consumer.on(CRASH, ({ payload }) => {
      this.state.crashed(payload.error, payload.restart);
      // A crashed consumer has left its group: another member may be dealt its partitions at once,
      // so this member holds none until it joins again (docs/bus.md "The port").
      if (!this.stopped) this.options.partitionsAssigned?.([]);
    });
    for (const contact of [FETCH, HEARTBEAT, GROUP_JOIN]) this.consumer.on(contact, () => this.state.brokerContact());
    // kafkajs emits GROUP_JOIN after every join and sync, before it fetches for the new assignment.
    this.consumer.on(GROUP_JOIN, ({ payload }) => {
      // A join finishing after stop (a consumer stopped while joining) deals nothing to this member.
      if (!this.stopped) this.options.partitionsAssigned?.([...(payload.memberAssignment[this.topic] ?? [])].sort((a, b) => a - b));
    });
    const joined = new Promise<void>((resolve) => this.consumer.on(GROUP_JOIN, () => resolve()));
    const joinTimeoutMs = this.bus.joinTimeoutMs ?? KAFKA_BUS_DEFAULTS.joinTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`group "${this.groupId}" on topic "${this.topic}" gave this member no partitions within ${joinTimeoutMs} ms`)),
        joinTimeoutMs,
      );
    });
    try {
      await this.consumer.connect();
      // From the beginning: a group with no committed offset must not skip what was published before it.
      await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
      await this.consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.bus.partitionsConsumedConcurrently ?? KAFKA_BUS_DEFAULTS.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.handle(payload),
      });
      await Promise.race([joined, timeout]);
    } catch (error) {
      await this.stop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  health(): BusHealth {
    return this.state.status();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.signalAbandon();
    await this.consumer.disconnect();
  }

  private heartbeatWhile(payload: EachBatchPayload) {
    return heartbeats(payload, this.bus.heartbeatIntervalMs ?? KAFKA_BUS_DEFAULTS.heartbeatIntervalMs);
  }

  private async handle(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (this.stopped || batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    const delivered: DeliveredBatch = {
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages.map((message) => toDelivered(batch.topic, batch.partition, message)),
    };
    this.state.handlerStarted();
    let outcome: 'done' | 'abandoned' | 'rebalancing';
    // A handler may wait long (a shard waiting for its claim, a restore): the member keeps
    // heartbeating meanwhile, so the group neither drops it nor waits on it to rebalance
    // (docs/bus.md "Batched"). A heartbeat that reports a rebalance abandons the batch uncommitted
    // and hands the error to kafkajs, which rejoins and deals the partitions again.
    const beating = this.heartbeatWhile(payload);
    try {
      outcome = await Promise.race([this.options.handleBatch(delivered).then(() => 'done' as const), this.abandon, beating.rebalancing]);
    } catch (error) {
      this.state.handlerFailed(error);
      throw error;
    } finally {
      beating.stop();
    }
    if (outcome === 'rebalancing') {
      this.state.handlerAbandoned();
      throw beating.error();
    }
    if (outcome === 'abandoned') {
      // Stopping: the work is not known to be durable, so nothing is resolved or committed.
      this.state.handlerAbandoned();
      return;
    }
    const last = batch.messages[batch.messages.length - 1]!.offset;
    payload.resolveOffset(last);
    // Kafka's committed offset is the next one to read.
    const next = (BigInt(last) + 1n).toString();
    await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
    this.state.handlerSucceeded();
    await payload.heartbeat();
  }
}

// The coordinator's answers that mean "rejoin": kafkajs's own test for a rebalance (src/errors.js),
// and a member it no longer knows (evicted after a silence), which kafkajs answers by joining anew.
const REBALANCE_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);

/**
 * Heartbeats every interval until stopped; `rebalancing` resolves when the coordinator answers
 * with a rebalance. Other failures (a broker away) are left to kafkajs's own loop after the batch.
 */
function heartbeats(payload: EachBatchPayload, intervalMs: number) {
  let failure: unknown;
  let timer: NodeJS.Timeout | undefined;
  const rebalancing = new Promise<'rebalancing'>((resolve) => {
    timer = setInterval(() => {
      payload.heartbeat().catch((error: unknown) => {
        if (!REBALANCE_ERRORS.has(String((error as { type?: unknown }).type))) return;
        failure ??= error;
        resolve('rebalancing');
      });
    }, intervalMs);
  });
  return { rebalancing, stop: () => clearInterval(timer), error: () => failure };
}

function toDelivered(topic: string, partition: number, message: KafkaMessage) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    headers[name] = (Array.isArray(value) ? value[value.length - 1] ?? '' : value).toString();
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? '',
    value: message.value?.toString() ?? '',
    ...(Object.keys(headers).length === 0 ? {} : { headers }),
  };
}

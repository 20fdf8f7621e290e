import {
  combineHealth,
  PublishFailedError,
  TopicPartitionsMismatchError,
  validateMessages,
  validateTopicSpec,
  type BusHealth,
  type MessageBus,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
} from '@vigil/bus';
import { Kafka, logLevel, Partitioners, type Admin, type Producer } from 'kafkajs';
import type { KafkaBusOptions } from './kafka-bus-options';
import { KafkaSubscription } from './kafka-subscription';

/**
 * The MessageBus port on Kafka through kafkajs 2.2.4 (docs/bus.md). Publishing uses one idempotent
 * producer with `acks: -1`: `publish` resolves when every in-sync replica holds the batch, and the
 * broker drops a retried duplicate instead of storing it twice.
 */
const keyPartitioner = Partitioners.DefaultPartitioner();

/**
 * The partition kafkajs's default (murmur2, Java-compatible) partitioner gives a key, asked
 * directly: it depends only on the key and the partition count (docs/bus.md "Per-key order").
 */
export function kafkaPartitionOf(key: string, partitions: number): number {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
  return keyPartitioner({ topic: '', partitionMetadata, message: { key, value: null } });
}

export class KafkaMessageBus implements MessageBus {
  private readonly subscriptions = new Set<KafkaSubscription>();

  private constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly options: KafkaBusOptions,
  ) {}

  static async connect(options: KafkaBusOptions): Promise<KafkaMessageBus> {
    const kafka = new Kafka({
      ...options.kafka,
      brokers: [...options.brokers],
      clientId: options.clientId,
      logLevel: options.logLevel ?? logLevel.ERROR,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
    });
    const producer = kafka.producer({
      idempotent: true,
      // The idempotent producer keeps order across retries only with one request in flight.
      maxInFlightRequests: 1,
      // murmur2, as Java clients partition: a key lands in the same partition whoever publishes it.
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
    });
    const admin = kafka.admin();
    await producer.connect();
    try {
      await admin.connect();
    } catch (error) {
      await producer.disconnect();
      throw error;
    }
    return new KafkaMessageBus(kafka, producer, admin, options);
  }

  async ensureTopic(spec: TopicSpec): Promise<void> {
    validateTopicSpec(spec);
    const created = await this.admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: spec.name, numPartitions: spec.partitions, configEntries: [{ name: 'retention.ms', value: String(spec.retentionMs) }] }],
    });
    if (created) return;
    const { topics } = await this.admin.fetchTopicMetadata({ topics: [spec.name] });
    const partitions = topics.find((topic) => topic.name === spec.name)?.partitions.length ?? 0;
    if (partitions !== spec.partitions) throw new TopicPartitionsMismatchError(spec.name, spec.partitions, partitions);
  }

  /**
   * The producer's own partitioner (murmur2 of the key), asked directly: a key's partition depends
   * only on the key and the partition count, never on which brokers are up.
   */
  partitionOf(key: string, partitions: number): number {
    return kafkaPartitionOf(key, partitions);
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    validateMessages(topic, messages);
    if (messages.length === 0) return;
    try {
      await this.producer.send({
        topic,
        acks: -1,
        messages: messages.map((message) => ({ key: message.key, value: message.value, ...(message.headers === undefined ? {} : { headers: { ...message.headers } }) })),
      });
    } catch (error) {
      throw new PublishFailedError(topic, messages.length, error);
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const subscription = new KafkaSubscription(this.kafka, options, this.options);
    await subscription.start();
    this.subscriptions.add(subscription);
    const subscriptions = this.subscriptions;
    return {
      topic: subscription.topic,
      groupId: subscription.groupId,
      health: () => subscription.health(),
      stop: async () => {
        subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  health(): BusHealth {
    return combineHealth([...this.subscriptions].map((subscription) => subscription.health()));
  }

  async close(): Promise<void> {
    const subscriptions = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

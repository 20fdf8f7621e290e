import type { BusHealth } from './bus-health';

/**
 * The message bus between Vigil's services (docs/bus.md). Two adapters: in process
 * (`InProcessMessageBus`) and Kafka (`@vigil/bus-kafka`); both pass `describeMessageBusContract`.
 *
 * Guarantees every adapter gives:
 * - `publish` resolves only when the bus holds every message durably (Kafka: all in-sync replicas
 *   acknowledged, idempotent producer); a rejected publish may have stored some, never reordered.
 * - Messages with the same key keep their publish order for every consumer group.
 * - At least once: a batch counts as consumed only when `handleBatch`'s promise resolves, so a
 *   handler must resolve only after its work is durable. A rejection, a crash or a stop before
 *   then delivers the batch again (to this or another member of the group).
 * - A consumer group divides the topic's partitions between its members; another group sees every
 *   message again.
 */
export interface MessageBus {
  /**
   * Creates the topic when missing; an existing topic keeps its retention, and one with another
   * partition count is refused (`TopicPartitionsMismatchError`): its keys would not be where
   * `partitionOf` says.
   */
  ensureTopic(spec: TopicSpec): Promise<void>;
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Resolves once the subscriber has joined its group and holds its share of the partitions. */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * The partition this adapter's producer puts a key's messages in, in a topic of `partitions`
   * partitions: what a consumer that owns partitions needs to know which keys (sessions) are its
   * own (docs/bus.md, "Partitions").
   */
  partitionOf(key: string, partitions: number): number;
  /** Every subscription of this client: what an app's readiness reports (docs/bus.md, "Health"). */
  health(): BusHealth;
  /** Stops every subscription (abandoning batches whose handler has not resolved) and disconnects. */
  close(): Promise<void>;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** How long the broker keeps a message whether or not it was consumed. */
  readonly retentionMs: number;
}

export interface OutgoingMessage {
  /** Ordering and partitioning key: a session id, or a device id for unassigned readings. */
  readonly key: string;
  readonly value: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface DeliveredMessage extends OutgoingMessage {
  readonly topic: string;
  readonly partition: number;
  /** The message's offset in its partition, as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
}

/** Consecutive messages of one partition, in offset order. */
export interface DeliveredBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly DeliveredMessage[];
}

/** Resolve only when the batch's work is durable: that is what commits it. */
export type BatchHandler = (batch: DeliveredBatch) => Promise<void>;

export interface SubscribeOptions {
  readonly topic: string;
  readonly groupId: string;
  /** Called for one partition at a time per partition (never twice at once for one partition). */
  readonly handleBatch: BatchHandler;
  /**
   * Told this member's whole share of the topic's partitions each time the group deals them (on
   * joining, and after every rebalance), before any batch of a partition newly dealt to it. A
   * partition missing from the latest call is no longer this member's: another may already read it.
   */
  readonly partitionsAssigned?: (partitions: readonly number[]) => void;
}

export interface Subscription {
  readonly topic: string;
  readonly groupId: string;
  health(): BusHealth;
  /** Leaves the group; a batch whose handler has not resolved is abandoned, not committed. */
  stop(): Promise<void>;
}

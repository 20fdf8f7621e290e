import type { RecordedEvent } from '@vigil/event-store';

/**
 * Optional: provided by a composition root whose alerting instances divide the sessions between
 * them (distributed mode over Kafka, docs/distributed.md "Alerting"). Without it the engine
 * follows the whole log as one shard (the embedded app).
 */
export const ALERTING_PARTITIONED_FEED = Symbol('AlertingPartitionedFeed');

/**
 * A claim on one partition's sessions: `held` resolves true once no other instance holds it (a
 * previous owner releases it after storing its alarm writes, or dies), false if released first.
 */
export type PartitionClaim = { readonly held: Promise<boolean>; release(): Promise<void> };

export type PartitionedFeedHandlers = {
  /**
   * This instance's whole share, each time it is dealt (joining, every rebalance): a partition
   * missing from it must stop at once, as another instance may already have it.
   */
  assigned(partitions: readonly number[]): void;
  /**
   * Events of one partition's sessions, each session's in log order; resolving commits them, a
   * rejection has them delivered again (to this instance or the partition's next owner).
   */
  handle(partition: number, events: readonly RecordedEvent[]): Promise<void>;
};

export type PartitionedFeedRun = {
  stop(): Promise<void>;
  /** Consecutive failures of the feed itself (joining, the broker), for health. */
  readonly problem: () => string | undefined;
  /** Messages that carried no recorded event, passed over (the store holds every real one): for health. */
  readonly unreadable: () => { count: number; last?: string };
};

/** The port: the bus's partitions of the event feed, and an exclusive claim on each. */
export interface PartitionedAlertingFeed {
  readonly partitions: number;
  /** The partition a session's events travel in: the sessions a shard owns. */
  partitionOf(sessionId: string): number;
  /** Asks for the exclusive right to compute a partition's alarms. */
  claim(partition: number): PartitionClaim;
  /**
   * The recorded time of the oldest stored event the feed has not carried yet (the relay behind,
   * the broker away), if any: a tick must not overtake it, and its age is how late monitoring is.
   */
  oldestUndelivered(): Promise<string | undefined>;
  start(handlers: PartitionedFeedHandlers): Promise<PartitionedFeedRun>;
}

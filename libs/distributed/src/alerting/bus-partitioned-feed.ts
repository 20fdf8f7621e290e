import type { PartitionClaim, PartitionedAlertingFeed, PartitionedFeedHandlers, PartitionedFeedRun } from '@vigil/alerting';
import { Logger } from '@nestjs/common';
import type { DeliveredMessage, MessageBus, Subscription, TopicSpec } from '@vigil/bus';
import { wakeableSleep } from '@vigil/event-store';
import { eventOfMessage } from '../relay/event-message';

const logger = new Logger('AlertingFeed');

export type BusPartitionedFeedOptions = {
  readonly bus: MessageBus;
  /** The relay's topic (`vigil.events` under the namespace): keyed by session id. */
  readonly topic: TopicSpec;
  /** The alerting instances' consumer group: its members divide the partitions. */
  readonly groupId: string;
  /** The exclusive claim on a partition (a PostgreSQL advisory lock per partition, or none on one host). */
  readonly claim: (partition: number) => PartitionClaim;
  /** The recorded time of the oldest stored event the relay has not published yet (relay-backlog.ts). */
  readonly oldestUndelivered: () => Promise<string | undefined>;
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
};

/**
 * The alert engine's partitioned feed over the bus (docs/distributed.md "Alerting"): the relay's
 * topic read in the alerting consumer group, each batch handed to the shard of its partition, and
 * the group's deal passed on as it changes. A batch is committed only when its shard resolved.
 */
export class BusPartitionedFeed implements PartitionedAlertingFeed {
  readonly partitions: number;

  constructor(private readonly options: BusPartitionedFeedOptions) {
    this.partitions = options.topic.partitions;
  }

  partitionOf(sessionId: string): number {
    return this.options.bus.partitionOf(sessionId, this.partitions);
  }

  claim(partition: number): PartitionClaim {
    return this.options.claim(partition);
  }

  oldestUndelivered(): Promise<string | undefined> {
    return this.options.oldestUndelivered();
  }

  async start(handlers: PartitionedFeedHandlers): Promise<PartitionedFeedRun> {
    const { bus, topic, groupId } = this.options;
    const retryDelayMs = this.options.retryDelayMs ?? 250;
    const maxRetryDelayMs = this.options.maxRetryDelayMs ?? 5_000;
    let subscription: Subscription | undefined;
    let stopped = false;
    let failures = 0;
    let lastError: string | undefined;
    const pause = wakeableSleep();
    // Only the relay publishes here, each message a stored event; one that is not cannot be applied
    // and would be delivered again for ever. It is passed over and counted: every event that matters
    // is in the store, and a restore replays it (docs/distributed.md "Alerting").
    const unreadable: { count: number; last?: string } = { count: 0 };
    const readable = (message: DeliveredMessage) => {
      try {
        return [eventOfMessage(message)];
      } catch (error) {
        unreadable.count++;
        unreadable.last = (error as Error).message;
        logger.error(`passed over a message that is not a recorded event: ${unreadable.last}`);
        return [];
      }
    };
    // Joining is retried until it works (the broker may start after this service); health says so meanwhile.
    const joining = (async () => {
      while (!stopped && !subscription) {
        try {
          await bus.ensureTopic(topic);
          const member = await bus.subscribe({
            topic: topic.name,
            groupId,
            partitionsAssigned: (partitions) => handlers.assigned(partitions),
            handleBatch: (batch) => handlers.handle(batch.partition, batch.messages.flatMap((message) => readable(message))),
          });
          if (stopped) await member.stop();
          else subscription = member;
          failures = 0;
          lastError = undefined;
        } catch (error) {
          if (stopped) return;
          failures++;
          lastError = (error as Error).message;
          await pause.sleep(Math.min(retryDelayMs * 2 ** (failures - 1), maxRetryDelayMs));
        }
      }
    })();
    return {
      unreadable: () => ({ ...unreadable }),
      problem: () => {
        if (lastError) return `joining group "${groupId}" failed ${failures} time(s): ${lastError}`;
        const health = subscription?.health();
        return health && !health.healthy ? health.problems.join('; ') : undefined;
      },
      stop: async () => {
        stopped = true;
        pause.wake();
        await joining;
        await subscription?.stop();
      },
    };
  }
}

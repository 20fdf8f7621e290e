import type { SubscriptionHealth } from '../bus-health';
import type { BatchHandler, DeliveredBatch } from '../message-bus.port';
import type { PartitionLog } from './partition-log';

export interface GroupMember {
  readonly handleBatch: BatchHandler;
  readonly health: SubscriptionHealth;
  readonly partitionsAssigned?: (partitions: readonly number[]) => void;
}

interface Lease {
  readonly member: GroupMember;
}

export interface GroupOptions {
  readonly maxBatchMessages: number;
  readonly retryDelayMs: number;
}

/**
 * A consumer group of one in-process topic: partitions dealt round-robin to the members in join
 * order, one batch in flight per partition, the group's offset moved only when a handler resolved
 * (the in-process form of Kafka's commit-after-durable, docs/bus.md).
 */
export class InProcessGroup {
  private readonly members: GroupMember[] = [];
  private readonly committed: number[];
  private readonly inFlight: (Lease | undefined)[];
  private readonly retryTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly logs: readonly PartitionLog[], private readonly options: GroupOptions) {
    // A new group starts at the oldest message kept, like a Kafka group reading from the beginning.
    this.committed = logs.map((log) => log.start);
    this.inFlight = logs.map(() => undefined);
  }

  join(member: GroupMember): void {
    const before = this.assignments();
    this.members.push(member);
    this.announce(before);
    this.pump();
  }

  /** The member is gone: its unresolved batches are abandoned and go to whoever owns the partition next. */
  leave(member: GroupMember): void {
    const before = this.assignments();
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    this.inFlight.forEach((lease, partition) => {
      if (lease?.member === member) {
        this.inFlight[partition] = undefined;
        member.health.handlerAbandoned();
      }
    });
    if (this.members.length === 0) this.clearRetryTimers();
    this.announce(before);
    this.pump();
  }

  /** Each member's partitions: the same round-robin deal `pump` hands batches by. */
  private assignments(): Map<GroupMember, number[]> {
    const dealt = new Map<GroupMember, number[]>(this.members.map((member) => [member, []]));
    this.logs.forEach((_, partition) => dealt.get(this.members[partition % this.members.length]!)?.push(partition));
    return dealt;
  }

  /**
   * Tells each member whose share changed, before `pump` hands it a batch of a new partition. A
   * batch in flight with a member that lost its partition is abandoned, uncommitted: the new owner
   * gets it at once, as a Kafka member's heartbeat learns of the rebalance (docs/bus.md).
   */
  private announce(before: Map<GroupMember, number[]>): void {
    const after = this.assignments();
    this.inFlight.forEach((lease, partition) => {
      if (lease && !(after.get(lease.member) ?? []).includes(partition)) {
        this.inFlight[partition] = undefined;
        lease.member.health.handlerAbandoned();
      }
    });
    for (const [member, partitions] of after) {
      const previous = before.get(member);
      if (previous && previous.join() === partitions.join()) continue;
      member.partitionsAssigned?.(partitions);
    }
  }

  pump(): void {
    this.logs.forEach((log, partition) => {
      if (this.inFlight[partition] !== undefined || this.members.length === 0) return;
      const member = this.members[partition % this.members.length];
      const from = Math.max(this.committed[partition] ?? 0, log.start);
      const messages = log.read(from, this.options.maxBatchMessages);
      if (member === undefined || messages.length === 0) return;
      const lease: Lease = { member };
      this.inFlight[partition] = lease;
      const batch: DeliveredBatch = { topic: messages[0]!.topic, partition, messages };
      member.health.handlerStarted();
      // Called on a later turn: a publish or a join never runs a handler inside the caller's stack.
      Promise.resolve()
        .then(() => member.handleBatch(batch))
        .then(
          () => this.settled(partition, lease, from + messages.length),
          (error: unknown) => this.failed(partition, lease, error),
        );
    });
  }

  private settled(partition: number, lease: Lease, next: number): void {
    if (this.inFlight[partition] !== lease) return; // abandoned by a stop: not committed
    this.committed[partition] = next;
    this.inFlight[partition] = undefined;
    lease.member.health.handlerSucceeded();
    this.pump();
  }

  private failed(partition: number, lease: Lease, error: unknown): void {
    if (this.inFlight[partition] !== lease) return;
    lease.member.health.handlerFailed(error);
    // Keep the partition until the retry: the failed batch comes again, before anything after it.
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (this.inFlight[partition] !== lease) return;
      this.inFlight[partition] = undefined;
      this.pump();
    }, this.options.retryDelayMs);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private clearRetryTimers(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }
}

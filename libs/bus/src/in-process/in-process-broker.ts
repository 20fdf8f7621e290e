import { UnknownTopicError, TopicPartitionsMismatchError } from '../errors';
import type { OutgoingMessage, TopicSpec } from '../message-bus.port';
import { validateTopicSpec } from '../topic-spec';
import { InProcessGroup, type GroupOptions } from './in-process-group';
import { partitionOfKey } from './key-partition';
import { PartitionLog } from './partition-log';

export interface InProcessBrokerOptions extends Partial<GroupOptions> {
  readonly now?: () => number;
}

interface Topic {
  readonly spec: TopicSpec;
  readonly logs: readonly PartitionLog[];
  readonly groups: Map<string, InProcessGroup>;
}

/**
 * The in-process bus's broker: topics, partitions and group offsets in memory. Several
 * `InProcessMessageBus` clients may share one, as several Kafka clients share a cluster; memory is
 * "durable" for as long as the process lives, which is the embedded mode's promise (docs/bus.md).
 */
export class InProcessBroker {
  private readonly topics = new Map<string, Topic>();
  private readonly groupOptions: GroupOptions;
  private readonly now: () => number;

  constructor(options: InProcessBrokerOptions = {}) {
    this.groupOptions = { maxBatchMessages: options.maxBatchMessages ?? 500, retryDelayMs: options.retryDelayMs ?? 200 };
    this.now = options.now ?? Date.now;
  }

  ensureTopic(spec: TopicSpec): void {
    validateTopicSpec(spec);
    const existing = this.topics.get(spec.name);
    if (existing && existing.logs.length !== spec.partitions) throw new TopicPartitionsMismatchError(spec.name, spec.partitions, existing.logs.length);
    if (existing) return;
    const logs = Array.from({ length: spec.partitions }, (_, partition) => new PartitionLog(spec.name, partition));
    this.topics.set(spec.name, { spec, logs, groups: new Map() });
  }

  append(topicName: string, messages: readonly OutgoingMessage[]): void {
    const topic = this.topic(topicName);
    const now = this.now();
    for (const message of messages) topic.logs[partitionOfKey(message.key, topic.logs.length)]!.append(message, now);
    for (const log of topic.logs) log.dropOlderThan(now - topic.spec.retentionMs);
    for (const group of topic.groups.values()) group.pump();
  }

  group(topicName: string, groupId: string): InProcessGroup {
    const topic = this.topic(topicName);
    let group = topic.groups.get(groupId);
    if (group === undefined) {
      group = new InProcessGroup(topic.logs, this.groupOptions);
      topic.groups.set(groupId, group);
    }
    return group;
  }

  private topic(name: string): Topic {
    const topic = this.topics.get(name);
    if (topic === undefined) throw new UnknownTopicError(name);
    return topic;
  }
}

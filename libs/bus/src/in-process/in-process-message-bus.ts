import { combineHealth, SubscriptionHealth, type BusHealth } from '../bus-health';
import { validateMessages } from '../outgoing-messages';
import type { MessageBus, OutgoingMessage, SubscribeOptions, Subscription, TopicSpec } from '../message-bus.port';
import { InProcessBroker } from './in-process-broker';
import { partitionOfKey } from './key-partition';

/** A client of an `InProcessBroker`: the embedded mode's bus, and the contract's reference adapter. */
export class InProcessMessageBus implements MessageBus {
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly broker: InProcessBroker = new InProcessBroker()) {}

  async ensureTopic(spec: TopicSpec): Promise<void> {
    this.assertOpen();
    this.broker.ensureTopic(spec);
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    validateMessages(topic, messages);
    this.broker.append(topic, messages);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    const group = this.broker.group(options.topic, options.groupId);
    const health = new SubscriptionHealth({ label: `group "${options.groupId}" on topic "${options.topic}"` });
    const member = { handleBatch: options.handleBatch, health, ...(options.partitionsAssigned ? { partitionsAssigned: options.partitionsAssigned } : {}) };
    const subscriptions = this.subscriptions;
    const subscription: Subscription = {
      topic: options.topic,
      groupId: options.groupId,
      health: () => health.status(),
      stop: async () => {
        if (!subscriptions.delete(subscription)) return;
        group.leave(member);
      },
    };
    subscriptions.add(subscription);
    group.join(member);
    return subscription;
  }

  partitionOf(key: string, partitions: number): number {
    return partitionOfKey(key, partitions);
  }

  health(): BusHealth {
    return combineHealth([...this.subscriptions].map((subscription) => subscription.health()));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the in-process message bus client is closed');
  }
}

import { InProcessMessageBus, type MessageBus } from '@vigil/bus';
import { InMemoryEventStore, InMemoryProcessorCheckpoints, StoreLogConsumer, type LogConsumerFactory } from '@vigil/event-store';
import { randomUUID } from 'node:crypto';
import { EventRelay } from '../relay/event-relay';
import { BusLogConsumer } from './bus-log-consumer';

/**
 * The per-key contract's factory for the bus consumer: a store, the relay publishing its log to a
 * topic of its own on the given bus, and a `BusLogConsumer` in a fresh group reading that topic.
 * With one partition the consumer sees the log's own order; with several, each key's. The contract appends to the store and watches what the consumer delivers: relay and consumer are
 * tested together, as they run (docs/distributed.md).
 */
export function relayedLogConsumerFactory(partitions: number, connect: () => Promise<MessageBus> = async () => new InProcessMessageBus()): LogConsumerFactory {
  return async () => {
    const store = new InMemoryEventStore();
    const bus = await connect();
    const topic = { name: `log-consumer-${randomUUID()}`, partitions, retentionMs: 60 * 60 * 1000 };
    const relay = new EventRelay(new StoreLogConsumer(store, { retryDelayMs: 5 }), new InMemoryProcessorCheckpoints(), bus, topic);
    await relay.start();
    const consumer = new BusLogConsumer({ bus, groupId: `group-${randomUUID()}`, topic, comparePositions: (a, b) => store.comparePositions(a, b), headPosition: () => store.headPosition(), retryDelayMs: 5, maxRetryDelayMs: 50 });
    return {
      store,
      consumer,
      dispose: async () => {
        await relay.stop();
        await bus.close();
      },
    };
  };
}

import { InProcessMessageBus } from '@vigil/bus';
import { describeLogConsumerContract, describePerKeyLogConsumerContract, InMemoryEventStore, InMemoryProcessorCheckpoints, StoreLogConsumer, testEvent, until } from '@vigil/event-store';
import { EventRelay } from '../relay/event-relay';
import { BusLogConsumer } from './bus-log-consumer';
import { relayedLogConsumerFactory } from './relayed-log-consumer.testing';

// Over the in-process bus; the same suites on Kafka are bus-log-consumer.int-spec.ts (docs/distributed.md).
// One partition: the log's order, so the global contract, unchanged (what alerting follows).
describeLogConsumerContract('relay and bus consumer, one partition, in-process bus', relayedLogConsumerFactory(1));
// Several partitions: each key's order.
describePerKeyLogConsumerContract('relay and bus consumer, three partitions, in-process bus', relayedLogConsumerFactory(3));

describe('BusLogConsumer started before the relay', () => {
  it('makes its topic, follows, and receives what the relay publishes later', async () => {
    const store = new InMemoryEventStore();
    const bus = new InProcessMessageBus();
    const topic = { name: 'feed-made-by-the-consumer', partitions: 1, retentionMs: 60_000 };
    const consumer = new BusLogConsumer({ bus, groupId: 'alerting', topic, comparePositions: (a, b) => store.comparePositions(a, b), headPosition: () => store.headPosition() });
    const seen: string[] = [];
    const run = consumer.start(await store.headPosition(), { handle: (events) => void seen.push(...events.map((event) => event.id)) });
    const relay = new EventRelay(new StoreLogConsumer(store), new InMemoryProcessorCheckpoints(), bus, topic);
    try {
      await until(() => run.status.caughtUp, 'following');
      expect(run.status.consecutiveFailures).toBe(0);
      await relay.start();
      await store.appendToStream('session-s1', [testEvent('late-1')], { expectedRevision: 'any' });
      await until(() => seen.includes('late-1'), 'the event the relay published');
    } finally {
      await relay.stop();
      await run.stop();
    }
  });
});

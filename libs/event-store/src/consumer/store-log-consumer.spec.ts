import { describeLogConsumerContract } from '../conformance/log-consumer.contract';
import { describePerKeyLogConsumerContract } from '../conformance/per-key-log-consumer.contract';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { StoreLogConsumer } from './store-log-consumer';

describeLogConsumerContract('store subscription over the in-memory store', async () => {
  const store = new InMemoryEventStore();
  return { store, consumer: new StoreLogConsumer(store, { retryDelayMs: 5, maxRetryDelayMs: 20 }) };
});

// Global order implies per-key order: the store consumer passes the weaker variant as well.
describePerKeyLogConsumerContract('store subscription over the in-memory store', async () => {
  const store = new InMemoryEventStore();
  return { store, consumer: new StoreLogConsumer(store, { retryDelayMs: 5, maxRetryDelayMs: 20 }) };
});

import { describeLogConsumerContract, StoreLogConsumer } from '@vigil/event-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { describeWithEventStoreDb } from './testing/test-eventstoredb';

describeWithEventStoreDb('EventStoreDB log consumer', (url) => {
  describeLogConsumerContract('store subscription over EventStoreDB', async () => {
    const store = await EventStoreDbEventStore.open({ connectionString: url() });
    return { store, consumer: new StoreLogConsumer(store, { retryDelayMs: 5, maxRetryDelayMs: 20 }), dispose: () => store.close() };
  });
});

import { describeEventStoreContract, describeLogConsumerContract, describeProcessorCheckpointsContract, StoreLogConsumer } from '@vigil/event-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEventStoreDbServer } from './testing/fake-eventstoredb-server';

// The three contract suites, unchanged, over an in-process stand-in for the server (see its
// comment): they check the adapter's own logic here, where no EventStoreDB runs. The same suites
// run against a real server in the *.int-spec.ts files wherever one is reachable.
const open = async (server = new FakeEventStoreDbServer()) => EventStoreDbEventStore.openWithClient(server.client());

describeEventStoreContract('EventStoreDB adapter on a stand-in server', async () => ({ store: await open() }));

describeLogConsumerContract('store subscription over the EventStoreDB adapter on a stand-in server', async () => {
  const store = await open();
  return { store, consumer: new StoreLogConsumer(store, { retryDelayMs: 5, maxRetryDelayMs: 20 }), dispose: () => store.close() };
});

describeProcessorCheckpointsContract('EventStoreDB adapter on a stand-in server', async () => {
  const store = await open();
  return { checkpoints: store.checkpoints, dispose: () => store.close() };
});

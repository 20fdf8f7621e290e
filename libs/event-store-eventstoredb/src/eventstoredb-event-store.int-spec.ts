import { describeEventStoreContract } from '@vigil/event-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { describeWithEventStoreDb } from './testing/test-eventstoredb';

// The contract suite unchanged; streams have unique names, so every test shares the one server.
// EventStoreDB serialises a stream's writers itself, so there is no held-open append to offer.
describeWithEventStoreDb('EventStoreDB adapter', (url) => {
  describeEventStoreContract('EventStoreDB (@eventstore/db-client)', async () => ({ store: await EventStoreDbEventStore.open({ connectionString: url() }) }));
});

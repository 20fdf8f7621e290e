import { describeEventStoreContract } from '../conformance/event-store.contract';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract('in-memory', async () => ({ store: new InMemoryEventStore() }));

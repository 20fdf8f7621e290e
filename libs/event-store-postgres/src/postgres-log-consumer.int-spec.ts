import { describeLogConsumerContract, describePerKeyLogConsumerContract, StoreLogConsumer, type LogConsumerFactory } from '@vigil/event-store';
import { PostgresEventStore } from './postgres-event-store';
import { freshSchemaName, TEST_PG_URL } from './test-database';

const overPostgres: LogConsumerFactory = async () => {
  const schema = freshSchemaName('vigil_consumer');
  const store = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
  return {
    store,
    consumer: new StoreLogConsumer(store, { retryDelayMs: 5, maxRetryDelayMs: 20 }),
    dispose: async () => {
      await store.close();
      await PostgresEventStore.dropSchema(TEST_PG_URL, schema);
    },
  };
};

describeLogConsumerContract('store subscription over PostgreSQL', overPostgres);
// Global order implies per-key order (docs/distributed.md "Processors over the bus").
describePerKeyLogConsumerContract('store subscription over PostgreSQL', overPostgres);

import { describeEventStoreContract } from '@vigil/event-store';
import { PostgresEventStore } from './postgres-event-store';
import { freshSchemaName, TEST_PG_URL } from './test-database';

// Each test gets a schema of its own, dropped after it: nothing is left behind and no test sees another's events.
describeEventStoreContract('PostgreSQL (pg, synchronous_commit=on)', async () => {
  const schema = freshSchemaName();
  return {
  store: await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema }),
  dispose: () => PostgresEventStore.dropSchema(TEST_PG_URL, schema),
  // Another process's writer whose transaction stays open while this store's appends commit.
  holdAppendOpen: async (stream, events) => {
    const other = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
    const client = await other.connect();
    await client.query('BEGIN');
    const result = await other.appendWithin(client, stream, events, { expectedRevision: 'no-stream' });
    return {
      commit: async () => {
        await client.query('COMMIT');
        client.release();
        await other.close();
        return result;
      },
    };
  },
  };
});

import { describeProcessorCheckpointsContract } from '@vigil/event-store';
import { PostgresEventStore } from './postgres-event-store';
import { freshSchemaName, TEST_PG_URL } from './test-database';

describeProcessorCheckpointsContract('PostgreSQL', async () => {
  const schema = freshSchemaName('vigil_checkpoints');
  const store = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
  return {
    checkpoints: store.checkpoints,
    dispose: async () => {
      await store.close();
      await PostgresEventStore.dropSchema(TEST_PG_URL, schema);
    },
  };
});

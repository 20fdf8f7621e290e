import { InMemoryProcessorCheckpoints } from '@vigil/event-store';
import { freshSchemaName, PostgresEventStore, TEST_PG_URL } from '@vigil/event-store-postgres';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointedSessionViewRepository } from './checkpointed-session-view.repository';
import { describeSessionViewRepositoryContract } from './session-view-repository.contract';
import { SqliteSessionViewRepository } from './sqlite-session-view.repository';

describeSessionViewRepositoryContract('SQLite (the event store file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-views-'));
  const file = join(dir, 'events.sqlite');
  const store = SqliteEventStore.open(file);
  const others: SqliteEventStore[] = [];
  return {
    repository: new SqliteSessionViewRepository(store.database),
    reopen: async () => {
      const other = SqliteEventStore.open(file);
      others.push(other);
      return new SqliteSessionViewRepository(other.database);
    },
    dispose: async () => {
      for (const other of others) await other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeSessionViewRepositoryContract('processor checkpoint, in memory', async () => {
  const checkpoints = new InMemoryProcessorCheckpoints();
  return { repository: new CheckpointedSessionViewRepository(checkpoints), reopen: async () => new CheckpointedSessionViewRepository(checkpoints) };
});

describeSessionViewRepositoryContract('processor checkpoint, PostgreSQL (the store schema)', async () => {
  const schema = freshSchemaName('vigil_views');
  const store = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
  const others: PostgresEventStore[] = [];
  return {
    repository: new CheckpointedSessionViewRepository(store.checkpoints),
    reopen: async () => {
      const other = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
      others.push(other);
      return new CheckpointedSessionViewRepository(other.checkpoints);
    },
    dispose: async () => {
      for (const other of others) await other.close();
      await store.close();
      await PostgresEventStore.dropSchema(TEST_PG_URL, schema);
    },
  };
});

import { describeLogConsumerContract, StoreLogConsumer } from '@vigil/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

describeLogConsumerContract('store subscription over SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-consumer-'));
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  return {
    store,
    consumer: new StoreLogConsumer(store, { retryDelayMs: 5, maxRetryDelayMs: 20 }),
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

import { describeProcessorCheckpointsContract } from '@vigil/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

describeProcessorCheckpointsContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-checkpoints-'));
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  return {
    checkpoints: store.checkpoints,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

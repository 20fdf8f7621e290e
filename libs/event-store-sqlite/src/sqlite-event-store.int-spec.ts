import { describeEventStoreContract } from '@vigil/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('SQLite (better-sqlite3, WAL, synchronous=FULL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-store-'));
  return { store: SqliteEventStore.open(join(dir, 'events.sqlite')), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});

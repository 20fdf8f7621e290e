import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailableError, testEvent } from '@vigil/event-store';
import { SqliteEventStore } from './sqlite-event-store';

// SQLite's own SQLITE_FULL, brought about by capping the file's page count (the machine-independent
// twin of the tmpfs e2e test): a failed commit is StoreUnavailableError, the store says it cannot
// record until a commit succeeds, and nothing appended before is lost.
describe('the SQLite store on a full disk', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-full-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses with StoreUnavailableError(disk-full), reports it, and recovers when space returns', async () => {
    await store.appendToStream('s-1', [testEvent('kept-1')], { expectedRevision: 'no-stream' });
    expect(store.writeStatus()).toEqual({ ok: true });
    const pages = store.database.pragma('page_count', { simple: true }) as number;
    store.database.pragma(`max_page_count = ${pages}`);
    const big = (id: string) => testEvent(id, { blob: 'x'.repeat(64 * 1024) });
    const failed = store.appendToStream('s-1', [big('lost-1')], { expectedRevision: 0 });
    await expect(failed).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failed).rejects.toMatchObject({ reason: 'disk-full' });
    expect(store.writeStatus()).toMatchObject({ ok: false, reason: 'disk-full', message: expect.stringContaining('disk full') });

    store.database.pragma('max_page_count = 1073741823');
    await store.appendToStream('s-1', [big('kept-2')], { expectedRevision: 0 });
    expect(store.writeStatus()).toEqual({ ok: true });
    expect((await store.readStream('s-1')).map((event) => event.id)).toEqual(['kept-1', 'kept-2']);
  });
});

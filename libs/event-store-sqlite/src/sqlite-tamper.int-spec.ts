import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreFormatError, testEvent, verifyStoredStream } from '@vigil/event-store';

import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite event store: immutability and tamper evidence', () => {
  let dir: string;
  let file: string;
  const stream = 'session-tamper';

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-tamper-'));
    file = join(dir, 'events.sqlite');
    const store = SqliteEventStore.open(file);
    const batch = Array.from({ length: 6 }, (_, i) => testEvent(`t-${i}`, { marker: `rev${i}-ABCDEFGH`, spo2: 90 + i }));
    await store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses UPDATE and DELETE of a stored event inside SQLite', () => {
    const db = new Database(file);
    expect(() => db.prepare("UPDATE events SET data = '{}' WHERE revision = 2").run()).toThrow(/immutable: UPDATE refused/);
    expect(() => db.prepare('DELETE FROM events WHERE revision = 2').run()).toThrow(/immutable: DELETE refused/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/immutable/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(6);
    db.close();
  });

  it('reports an edit made with the triggers dropped at the edited revision', async () => {
    const db = new Database(file);
    db.exec('DROP TRIGGER events_are_immutable_update; DROP TRIGGER events_are_immutable_delete;');
    db.prepare(`UPDATE events SET data = json_set(data, '$.spo2', 80) WHERE stream_id = ? AND revision = 4`).run(stream);
    db.close();
    const store = SqliteEventStore.open(file);
    await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: false, revision: 4, reason: expect.stringContaining('hash mismatch') });
    await store.close();
  });

  it('reports an edit of metadata alone, made with the triggers dropped, at the edited revision', async () => {
    const db = new Database(file);
    db.exec('DROP TRIGGER events_are_immutable_update;');
    db.prepare(`UPDATE events SET metadata = json_set(metadata, '$.causedBy', 'someone-else') WHERE stream_id = ? AND revision = 2`).run(stream);
    db.close();
    const store = SqliteEventStore.open(file);
    await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: false, stream, revision: 2, reason: expect.stringContaining('hash mismatch') });
    await store.close();
  });

  it.each([1, 2])('refuses a file of format %i, naming the command that copies it, and leaves it as it was', (format) => {
    const db = new Database(file);
    db.pragma(`user_version = ${format}`);
    db.close();
    expect(() => SqliteEventStore.open(file)).toThrow(StoreFormatError);
    expect(() => SqliteEventStore.open(file)).toThrow(new RegExp(`format ${format}.*npx vigil store migrate --from ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --to`));
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(format);
    after.close();
  });

  it('reports a deletion made with the triggers dropped at the missing revision', async () => {
    const db = new Database(file);
    db.exec('DROP TRIGGER events_are_immutable_delete;');
    db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(stream);
    db.close();
    const store = SqliteEventStore.open(file);
    await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: false, revision: 1, reason: expect.stringContaining('missing') });
    await store.close();
  });

  it('reports a byte changed in the database file at that revision', async () => {
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('rev3-ABCDEFGH'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 8] = 'X'.charCodeAt(0); // still valid JSON: only the hash can tell
    writeFileSync(file, bytes);
    const store = SqliteEventStore.open(file);
    await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: false, revision: 3, reason: expect.stringContaining('hash mismatch') });
    await store.close();
  });

  it('reports a byte change that breaks the stored JSON at that revision', async () => {
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"rev5-ABCDEFGH"'));
    bytes[at] = '{'.charCodeAt(0);
    writeFileSync(file, bytes);
    const store = SqliteEventStore.open(file);
    await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: false, revision: 5, reason: expect.stringContaining('no longer parses') });
    await store.close();
  });

  it('verifies the untouched file', async () => {
    const store = SqliteEventStore.open(file);
    await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: true, events: 6 });
    await store.close();
  });
});

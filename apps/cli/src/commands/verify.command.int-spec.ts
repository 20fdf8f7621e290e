import { testEvent } from '@vigil/event-store';
import { freshSchemaName, PostgresEventStore, TEST_PG_URL } from '@vigil/event-store-postgres';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { verifyCommand, type VerifyOptions } from './verify.command';

// Issue 9: editing nothing but an event's metadata (who caused it) is caught by `vigil verify`,
// which names the stream and the revision, in SQLite and in PostgreSQL alike.
const events = (n: number) => Array.from({ length: n }, (_, i) => testEvent(`v-${i}`, { spo2: 95 + (i % 3) }));

async function run(options: VerifyOptions): Promise<{ code: number; lines: Record<string, unknown>[]; err: string }> {
  const out: string[] = [];
  let err = '';
  const code = await verifyCommand(options, (line) => out.push(line), (line) => (err += line));
  return { code, lines: out.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>), err };
}

describe('vigil verify finds an edit of metadata alone', () => {
  it('in SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-verify-'));
    try {
      const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
      await store.appendToStream('session-a', events(4), { expectedRevision: 'no-stream' });
      await store.appendToStream('session-b', events(3), { expectedRevision: 'no-stream' });
      await store.close();
      const options: VerifyOptions = { dataDir: dir, store: 'sqlite', pgUrl: '', pgSchema: '' };
      expect((await run(options)).code).toBe(0);

      const db = new Database(join(dir, 'events.sqlite'));
      db.exec('DROP TRIGGER events_are_immutable_update');
      db.prepare(`UPDATE events SET metadata = json_set(metadata, '$.causedBy', 'user:someone-else') WHERE stream_id = 'session-b' AND revision = 2`).run();
      db.close();
      const { code, lines, err } = await run(options);
      expect(code).toBe(1);
      expect(lines).toEqual([
        expect.objectContaining({ ok: true, stream: 'session-a' }),
        expect.objectContaining({ ok: false, stream: 'session-b', revision: 2, reason: expect.stringContaining('hash mismatch') }),
      ]);
      expect(err).toMatch(/1 of 2 stream\(s\) failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in PostgreSQL', async () => {
    const schema = freshSchemaName('vigil_verify');
    try {
      const store = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
      await store.appendToStream('session-a', events(4), { expectedRevision: 'no-stream' });
      await store.appendToStream('session-b', events(3), { expectedRevision: 'no-stream' });
      await store.close();
      const options: VerifyOptions = { dataDir: '.', store: 'postgres', pgUrl: TEST_PG_URL, pgSchema: schema };
      expect((await run(options)).code).toBe(0);

      const sql = new Client({ connectionString: TEST_PG_URL });
      await sql.connect();
      await sql.query(`ALTER TABLE "${schema}".events DISABLE TRIGGER events_are_immutable`);
      await sql.query(`UPDATE "${schema}".events SET metadata = '{"causedBy":"user:someone-else"}' WHERE stream_id = 'session-a' AND revision = 1`);
      await sql.end();
      const { code, lines } = await run(options);
      expect(code).toBe(1);
      expect(lines).toEqual([
        expect.objectContaining({ ok: false, stream: 'session-a', revision: 1, reason: expect.stringContaining('hash mismatch') }),
        expect.objectContaining({ ok: true, stream: 'session-b' }),
      ]);
    } finally {
      await PostgresEventStore.dropSchema(TEST_PG_URL, schema);
    }
  });
});

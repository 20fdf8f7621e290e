import { StoreFormatError, testEvent, verifyStoredStream } from '@vigil/event-store';
import { Client } from 'pg';
import { PostgresEventStore } from './postgres-event-store';
import { freshSchemaName, TEST_PG_URL } from './test-database';

describe('PostgreSQL event store: immutability and tamper evidence', () => {
  let schema: string;
  let sql: Client;
  const stream = 'session-tamper';

  beforeEach(async () => {
    schema = freshSchemaName('vigil_tamper');
    const store = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
    const batch = Array.from({ length: 6 }, (_, i) => testEvent(`t-${i}`, { marker: `rev${i}`, spo2: 90 + i }));
    await store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
    await store.close();
    sql = new Client({ connectionString: TEST_PG_URL });
    await sql.connect();
  });
  afterEach(async () => {
    await sql.end();
    await PostgresEventStore.dropSchema(TEST_PG_URL, schema);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of stored events inside PostgreSQL', async () => {
    await expect(sql.query(`UPDATE "${schema}".events SET data = '{}' WHERE revision = 2`)).rejects.toThrow(/immutable: UPDATE refused/);
    await expect(sql.query(`DELETE FROM "${schema}".events WHERE revision = 2`)).rejects.toThrow(/immutable: DELETE refused/);
    await expect(sql.query(`TRUNCATE "${schema}".events`)).rejects.toThrow(/immutable: TRUNCATE refused/);
    expect((await sql.query(`SELECT COUNT(*)::int AS n FROM "${schema}".events`)).rows[0]).toEqual({ n: 6 });
  });

  it('reports an edit of metadata alone, with the triggers disabled, at the edited revision', async () => {
    await sql.query(`ALTER TABLE "${schema}".events DISABLE TRIGGER events_are_immutable`);
    await sql.query(`UPDATE "${schema}".events SET metadata = '{"causedBy":"someone-else"}' WHERE stream_id = $1 AND revision = 4`, [stream]);
    const store = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
    await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: false, stream, revision: 4, reason: expect.stringContaining('hash mismatch') });
    await store.close();
  });

  it('reports a deleted event at the missing revision', async () => {
    await sql.query(`ALTER TABLE "${schema}".events DISABLE TRIGGER events_are_immutable`);
    await sql.query(`DELETE FROM "${schema}".events WHERE stream_id = $1 AND revision = 1`, [stream]);
    const store = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
    await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: false, revision: 1, reason: expect.stringContaining('missing') });
    await store.close();
  });

  it('refuses a schema of another store format, naming the migration', async () => {
    await sql.query(`UPDATE "${schema}".store_meta SET format = 1`);
    const opening = PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
    await expect(opening).rejects.toBeInstanceOf(StoreFormatError);
    await expect(opening).rejects.toThrow(/format 1; this version reads format 3\. There is no copy command for PostgreSQL schemas yet/);
  });

  it('verifies the untouched schema', async () => {
    const store = await PostgresEventStore.open({ connectionString: TEST_PG_URL, schema });
    await expect(verifyStoredStream(store, stream)).resolves.toMatchObject({ ok: true, events: 6 });
    await store.close();
  });
});

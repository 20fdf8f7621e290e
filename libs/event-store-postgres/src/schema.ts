/** Store format in PostgreSQL (the `store_meta` row), as in SQLite's user_version (docs/event-store.md). */
export const POSTGRES_STORE_FORMAT = 3;

export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`PostgreSQL schema name "${schema}" must be lower-case letters, digits and _`);
  return `"${schema}"`;
}

/**
 * The event table. Data and metadata are kept as the canonical JSON text they were hashed as (jsonb
 * would reorder keys and renormalise numbers). `transaction_id` is the writing transaction's id,
 * the first half of the log order (see postgres-event-store.ts, docs/event-store.md). UPDATE,
 * DELETE and TRUNCATE of events fail inside PostgreSQL, for every role that uses the table.
 */
export function schemaSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.events (
  position       bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id xid8    NOT NULL DEFAULT pg_current_xact_id(),
  event_id       text    NOT NULL,
  stream_id      text    NOT NULL,
  revision       integer NOT NULL CHECK (revision >= 0),
  type           text    NOT NULL,
  data           text    NOT NULL,
  metadata       text    NOT NULL,
  occurred_at    text    NOT NULL,
  recorded_at    text    NOT NULL,
  prev_hash      text,
  hash           text    NOT NULL,
  UNIQUE (stream_id, revision),
  UNIQUE (stream_id, event_id)
);
CREATE INDEX IF NOT EXISTS events_log_order ON ${s}.events (transaction_id, position);
CREATE TABLE IF NOT EXISTS ${s}.store_meta (id integer PRIMARY KEY CHECK (id = 1), format integer NOT NULL);
INSERT INTO ${s}.store_meta (id, format) VALUES (1, ${POSTGRES_STORE_FORMAT}) ON CONFLICT (id) DO NOTHING;
CREATE OR REPLACE FUNCTION ${s}.events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'events are immutable: % refused', TG_OP; END $$;
CREATE OR REPLACE TRIGGER events_are_immutable BEFORE UPDATE OR DELETE ON ${s}.events
  FOR EACH ROW EXECUTE FUNCTION ${s}.events_are_immutable();
CREATE OR REPLACE TRIGGER events_are_not_truncated BEFORE TRUNCATE ON ${s}.events
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_are_immutable();
`;
}

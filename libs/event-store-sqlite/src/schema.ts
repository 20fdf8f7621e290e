// The event table is append-only: UPDATE and DELETE abort inside SQLite itself, so no code path in
// any process using this file can rewrite a fact. Edits made around SQLite are caught by the hash
// chain. Ids are unique per stream (docs/event-store.md "Idempotency").
export const EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    TEXT    NOT NULL,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision >= 0),
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  occurred_at TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  prev_hash   TEXT,
  hash        TEXT    NOT NULL,
  UNIQUE (stream_id, revision),
  UNIQUE (stream_id, event_id)
);
CREATE TRIGGER IF NOT EXISTS events_are_immutable_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS events_are_immutable_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE refused'); END;
`;

/**
 * The file's format (PRAGMA user_version): 2 since the hash covers id and metadata and ids are
 * unique per stream; 3 since a session's record is three streams, one per writer (docs/streams.md).
 * A file with events and another version is refused, never misread.
 */
export const SQLITE_STORE_FORMAT = 3;

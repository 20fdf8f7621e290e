import { canonicalJson } from '@vigil/event-store';
import Database from 'better-sqlite3';
import { legacyEventHash, type LegacyRow } from '../legacy-sqlite-store';

// Builds a store file as an earlier version of Vigil wrote it, for the migration's tests.

const LEGACY_SCHEMA = `CREATE TABLE events (
  position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL,
  prev_hash TEXT, hash TEXT NOT NULL, UNIQUE (stream_id, revision));`;

export type LegacySpec = { stream: string; type: string; data: Record<string, unknown>; metadata?: Record<string, unknown>; at: string };

/** Writes rows as a version of the given format did: its schema, its hash, its user_version. */
export function writeLegacyStore(file: string, format: 1 | 2, specs: LegacySpec[]): LegacyRow[] {
  const db = new Database(file);
  db.exec(LEGACY_SCHEMA);
  db.pragma(`user_version = ${format === 1 ? 0 : 2}`);
  const heads = new Map<string, { revision: number; hash: string }>();
  const rows: LegacyRow[] = [];
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)');
  specs.forEach((spec, i) => {
    const head = heads.get(spec.stream);
    const row: LegacyRow = {
      position: i + 1,
      id: `e${i}`,
      stream: spec.stream,
      revision: head ? head.revision + 1 : 0,
      type: spec.type,
      data: canonicalJson(spec.data),
      metadata: canonicalJson(spec.metadata ?? {}),
      occurredAt: spec.at,
      recordedAt: spec.at,
      prevHash: head?.hash ?? null,
      hash: '',
    };
    row.hash = legacyEventHash(format, row);
    insert.run(row.id, row.stream, row.revision, row.type, row.data, row.metadata, row.occurredAt, row.recordedAt, row.prevHash, row.hash);
    heads.set(spec.stream, { revision: row.revision, hash: row.hash });
    rows.push(row);
  });
  db.close();
  return rows;
}

import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { eventHashOfCanonical } from '@vigil/event-store';

/**
 * A store file written by an earlier version of Vigil, opened read-only to be copied into the
 * current layout (docs/streams.md "Stores from earlier versions"). Nothing here writes: the
 * original stays exactly as it was, and its chains are checked with the hash of its own format.
 */
export type LegacyRow = {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  /** Canonical JSON text, as stored and hashed. */
  data: string;
  metadata: string;
  occurredAt: string;
  recordedAt: string;
  prevHash: string | null;
  hash: string;
};

/** Formats this version can read back for copying: 1 (hash without id and metadata) and 2 (one stream per session). */
export const LEGACY_FORMATS = [1, 2] as const;

export class LegacySqliteStore {
  private constructor(
    private readonly db: Database.Database,
    readonly format: number,
  ) {}

  static open(file: string): LegacySqliteStore {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
      if (!hasEvents) throw new Error(`${file} holds no Vigil event store`);
      const version = db.pragma('user_version', { simple: true }) as number;
      return new LegacySqliteStore(db, version || 1);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Every event in log order, one row at a time (a store can be larger than memory). */
  *rows(): IterableIterator<LegacyRow> {
    const statement = this.db.prepare(
      'SELECT position, event_id AS id, stream_id AS stream, revision, type, data, metadata, occurred_at AS occurredAt, recorded_at AS recordedAt, prev_hash AS prevHash, hash FROM events ORDER BY position',
    );
    yield* statement.iterate() as IterableIterator<LegacyRow>;
  }

  close(): void {
    this.db.close();
  }
}

/** The hash an event was chained with in its format (docs/event-store.md "Format versions"). */
export function legacyEventHash(format: number, row: LegacyRow): string {
  if (format === 1) {
    const text =
      `{"data":${row.data},"occurredAt":${JSON.stringify(row.occurredAt)},"prevHash":${JSON.stringify(row.prevHash)}` +
      `,"recordedAt":${JSON.stringify(row.recordedAt)},"revision":${JSON.stringify(row.revision)},"stream":${JSON.stringify(row.stream)}` +
      `,"type":${JSON.stringify(row.type)}}`;
    return createHash('sha256').update(text).digest('hex');
  }
  return eventHashOfCanonical(row, row.data, row.metadata);
}

export type LegacyStreamHead = { stream: string; revision: number; hash: string; events: number };

export class LegacyChainError extends Error {
  constructor(readonly stream: string, readonly revision: number, reason: string) {
    super(`${stream} revision ${revision}: ${reason}`);
    this.name = 'LegacyChainError';
  }
}

/**
 * Checks every stream's chain in one pass over the log; returns each stream's head. Throws
 * LegacyChainError at the first event whose revision, link or hash does not hold: a store that
 * does not verify is not copied (a copy would launder the tampering under new hashes).
 */
export function verifyLegacyChains(store: LegacySqliteStore): Map<string, LegacyStreamHead> {
  const heads = new Map<string, LegacyStreamHead>();
  for (const row of store.rows()) {
    const head = heads.get(row.stream);
    const expectedRevision = head ? head.revision + 1 : 0;
    if (row.revision !== expectedRevision) throw new LegacyChainError(row.stream, expectedRevision, `missing (found revision ${row.revision} next)`);
    if (row.prevHash !== (head ? head.hash : null)) throw new LegacyChainError(row.stream, row.revision, 'link to the previous event does not hold');
    if (legacyEventHash(store.format, row) !== row.hash) throw new LegacyChainError(row.stream, row.revision, 'hash mismatch: the event was changed after it was stored');
    heads.set(row.stream, { stream: row.stream, revision: row.revision, hash: row.hash, events: (head?.events ?? 0) + 1 });
  }
  return heads;
}

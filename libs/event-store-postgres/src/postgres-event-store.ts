import {
  appendResultOf,
  chainEvents,
  enqueueAppend,
  InvalidPositionError,
  LOG_START,
  pollingSubscription,
  prepareAppend,
  recordedEventOf,
  resolveRetry,
  StoreFormatError,
  WrongExpectedRevisionError,
  type AllSubscription,
  type AppendResult,
  type ChainedEvent,
  type EventStore,
  type ExpectedRevision,
  type LogPosition,
  type NewEvent,
  type PreparedAppend,
  type QueuedAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredEvent,
  type StoreClock,
  type StreamHead,
  type SubscribeOptions,
} from '@vigil/event-store';
import { Pool, type PoolClient, type QueryResult } from 'pg';
import { PostgresProcessorCheckpoints } from './postgres-processor-checkpoints';
import { POSTGRES_STORE_FORMAT, quoteSchema, schemaSql } from './schema';

export type PostgresEventStoreOptions = {
  /** e.g. postgres://postgres@127.0.0.1:5432/test (VIGIL_PG_URL). */
  connectionString: string;
  /** The schema holding the store's tables, created when missing (VIGIL_PG_SCHEMA). */
  schema?: string;
  clock?: StoreClock;
  /** How often a caught-up subscription looks for other processes' commits (ms). */
  pollIntervalMs?: number;
  /** Connections in the pool. */
  poolSize?: number;
  /** Writer lanes: batches written side by side (default 4). */
  writers?: number;
};

type Pending = QueuedAppend;
type Queryable = Pick<PoolClient, 'query'>;
type EventRow = {
  txid: string;
  pos: string;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  occurred_at: string;
  recorded_at: string;
  prev_hash: string | null;
  hash: string;
};

// Aliased: an output column named like a table column would make ORDER BY sort the text.
const COLUMNS = 'transaction_id::text AS txid, position::text AS pos, event_id, stream_id, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash';
const INSERT_COLUMNS = 'event_id, stream_id, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash';
const HEADS_KEPT = 10_000;
// Only embedded (SQLite) stores have a copy command so far (docs/streams.md "Stores from earlier versions").
const POSTGRES_FORMAT_REMEDY = 'There is no copy command for PostgreSQL schemas yet: keep that schema for the version that wrote it and give this one a new schema (VIGIL_PG_SCHEMA).';
const CAREFUL_ATTEMPTS = 5;

/**
 * Log positions (docs/event-store.md "PostgreSQL: no event is ever skipped"). A position is the
 * pair (id of the writing transaction, identity value), ordered by transaction id first. Identity
 * values alone are handed out when rows are inserted, not when they commit: a writer can take 41,
 * another 42 and commit first, and a reader that saw 42 and remembered it would never read 41.
 * Here readers only see rows whose transaction id is below the oldest transaction still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`). Every transaction below it has finished, and every
 * transaction that is running or starts later has an id at or above it, so nothing can become
 * visible before a position already returned. A long open transaction holds new events back (it
 * delays, never skips). Writers never wait on each other: no global append lock.
 */
function encodePosition(transactionId: string, position: string): LogPosition {
  return `${transactionId}:${position}` as LogPosition;
}

function decodePosition(position: LogPosition): [bigint, bigint] {
  if (position === LOG_START) return [0n, 0n];
  const match = /^([0-9]{1,20}):([0-9]{1,19})$/.exec(position);
  if (!match) throw new InvalidPositionError(position, 'transaction:sequence');
  return [BigInt(match[1]!), BigInt(match[2]!)];
}

function comparePositionPairs(a: LogPosition, b: LogPosition): number {
  const [ta, pa] = decodePosition(a);
  const [tb, pb] = decodePosition(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return pa === pb ? 0 : pa < pb ? -1 : 1;
}

/**
 * EventStore on PostgreSQL (pg). Validation, revision checks, idempotency and the hash chain are the
 * shared layer's (store-core.ts). Appends waiting while a write is in flight go together in the next
 * single INSERT: one statement, one transaction, one WAL flush (synchronous_commit=on). Any conflict
 * in it sends each of its appends down the careful path, one by one.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly table: string;
  private readonly clock: StoreClock;
  private readonly pollIntervalMs: number;
  /** Heads of streams this process wrote; a stale one makes the INSERT fail, never write wrongly. */
  private readonly heads = new Map<string, StreamHead>();
  /**
   * Writer lanes: a stream always goes to the same lane, so one stream's appends are written in
   * order and never race each other, while lanes commit side by side (PostgreSQL groups their
   * WAL flushes). Nothing orders the lanes: the log order is the transactions' (see above).
   */
  private readonly lanes: { pending: Pending[]; writing: boolean }[];
  private readonly waiters = new Set<() => void>();
  private closed = false;
  /** Processors' checkpoints, in this store's schema (docs/architecture.md "Processors"). */
  readonly checkpoints: PostgresProcessorCheckpoints;

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    try {
      await store.migrate(options.schema ?? 'vigil');
    } catch (error) {
      await store.pool.end();
      throw error;
    }
    return store;
  }

  /** Removes a schema and everything in it (tests). */
  static async dropSchema(connectionString: string, schema: string): Promise<void> {
    const pool = new Pool({ connectionString, max: 1 });
    try {
      await pool.query(`DROP SCHEMA IF EXISTS ${quoteSchema(schema)} CASCADE`);
    } finally {
      await pool.end();
    }
  }

  private constructor(options: PostgresEventStoreOptions) {
    this.table = `${quoteSchema(options.schema ?? 'vigil')}.events`;
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    // synchronous_commit=on whatever the server's default: an acknowledged append is on disk.
    this.pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, options: '-c synchronous_commit=on' });
    this.lanes = Array.from({ length: Math.max(1, options.writers ?? 4) }, () => ({ pending: [], writing: false }));
    this.pool.on('error', () => undefined); // an idle connection's failure surfaces on its next query
    this.checkpoints = new PostgresProcessorCheckpoints(this.pool, options.schema ?? 'vigil');
  }

  private async migrate(schema: string): Promise<void> {
    // An existing store is only checked: DDL would lock the table against other processes' appends.
    const existing = await this.pool
      .query<{ format: number }>(`SELECT format FROM ${quoteSchema(schema)}.store_meta WHERE id = 1`)
      .catch(() => undefined); // no schema or table yet
    const found = existing?.rows[0]?.format;
    if (found !== undefined && found !== null) {
      if (found !== POSTGRES_STORE_FORMAT) throw new StoreFormatError(`PostgreSQL schema ${schema}`, found, POSTGRES_STORE_FORMAT, POSTGRES_FORMAT_REMEDY);
      return;
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Several processes may open the same schema at once; DDL is not idempotent under races.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vigil-event-store:${schema}`]);
      await client.query(schemaSql(schema));
      const { rows } = await client.query<{ format: number }>(`SELECT format FROM ${quoteSchema(schema)}.store_meta WHERE id = 1`);
      await client.query('COMMIT');
      const format = rows[0]?.format ?? 0;
      if (format !== POSTGRES_STORE_FORMAT) throw new StoreFormatError(`PostgreSQL schema ${schema}`, format, POSTGRES_STORE_FORMAT, POSTGRES_FORMAT_REMEDY);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  appendToStream(stream: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    return enqueueAppend(this.closed, stream, events, options.expectedRevision, (queued) => {
      const lane = this.lanes[laneOf(stream, this.lanes.length)]!;
      lane.pending.push(queued);
      if (!lane.writing) void this.writeLoop(lane);
    });
  }

  /** One batch at a time; appends arriving meanwhile form the next batch (group commit). */
  private async writeLoop(lane: { pending: Pending[]; writing: boolean }): Promise<void> {
    lane.writing = true;
    try {
      while (lane.pending.length > 0) {
        const batch = lane.pending;
        lane.pending = [];
        await this.writeBatch(batch);
        this.notify();
      }
    } finally {
      lane.writing = false;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    let planned: { pending: Pending; chained: ChainedEvent[] }[] | undefined;
    try {
      planned = await this.planFast(batch);
    } catch {
      planned = undefined;
    }
    if (planned) {
      try {
        const positions = await this.insert(this.pool, planned.flatMap((p) => p.chained));
        for (const { pending, chained } of planned) {
          const last = chained[chained.length - 1]!;
          this.rememberHead(last);
          pending.resolve(appendResultOf(chained, positions.get(`${last.revision}@${last.stream}`)!));
        }
        return;
      } catch (error) {
        for (const { pending } of planned) this.heads.delete(pending.append.stream);
        if (!isUniqueViolation(error)) {
          for (const { pending } of planned) pending.reject(error);
          return;
        }
      }
    }
    // A retry, a conflict, or a head this process did not know: each append on its own, carefully;
    // streams side by side on the pool, each stream's appends in the order they were made.
    const byStream = new Map<string, Pending[]>();
    for (const pending of batch) byStream.set(pending.append.stream, [...(byStream.get(pending.append.stream) ?? []), pending]);
    await Promise.all(
      [...byStream.values()].map(async (appends) => {
        for (const pending of appends) {
          try {
            pending.resolve(await this.appendCarefully(this.pool, pending.append));
          } catch (error) {
            pending.reject(error);
          }
        }
      }),
    );
  }

  /** Chains every append of the batch on the heads known or read in one query; throws to go careful. */
  private async planFast(batch: Pending[]): Promise<{ pending: Pending; chained: ChainedEvent[] }[]> {
    const unknown = [...new Set(batch.map((p) => p.append.stream).filter((stream) => !this.heads.has(stream)))];
    const heads = new Map<string, StreamHead | undefined>();
    for (const stream of this.heads.keys()) heads.set(stream, this.heads.get(stream));
    if (unknown.length > 0) {
      const { rows } = await this.pool.query<{ stream: string; revision: number | null; hash: string | null }>(
        `SELECT s AS stream, h.revision, h.hash FROM unnest($1::text[]) AS s
         LEFT JOIN LATERAL (SELECT revision, hash FROM ${this.table} WHERE stream_id = s ORDER BY revision DESC LIMIT 1) h ON true`,
        [unknown],
      );
      for (const row of rows) heads.set(row.stream, row.revision === null ? undefined : { revision: row.revision, hash: row.hash! });
    }
    const recordedAt = this.clock().toISOString();
    return batch.map((pending) => {
      const chained = chainEvents(pending.append, heads.get(pending.append.stream), recordedAt);
      const last = chained[chained.length - 1]!;
      heads.set(pending.append.stream, { revision: last.revision, hash: last.hash });
      return { pending, chained };
    });
  }

  /** One INSERT of every row; answers each row's position by `revision@stream`. */
  private async insert(db: Queryable, rows: readonly ChainedEvent[]): Promise<Map<string, LogPosition>> {
    const columns: unknown[][] = [[], [], [], [], [], [], [], [], [], []];
    for (const row of rows) {
      const values = [row.id, row.stream, row.revision, row.type, row.data, row.metadata, row.occurredAt, row.recordedAt, row.prevHash, row.hash];
      values.forEach((value, index) => columns[index]!.push(value));
    }
    const result: QueryResult<{ txid: string; pos: string; stream_id: string; revision: number }> = await db.query(
      `INSERT INTO ${this.table} (${INSERT_COLUMNS})
       SELECT id, stream, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         WITH ORDINALITY AS u(id, stream, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash, n)
       ORDER BY n
       RETURNING transaction_id::text AS txid, position::text AS pos, stream_id, revision`,
      columns,
    );
    return new Map(result.rows.map((row) => [`${row.revision}@${row.stream_id}`, encodePosition(row.txid, row.pos)]));
  }

  /**
   * Reads the stream's head and what it holds under the append's ids, then writes only what is new.
   * A concurrent writer from another process can still take the revision first: then read again.
   */
  private async appendCarefully(db: Queryable, append: PreparedAppend): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const { rows: existing } = await db.query<{ event_id: string; type: string; occurred_at: string; data: string; revision: number; txid: string; pos: string }>(
        `SELECT event_id, type, occurred_at, data, revision, transaction_id::text AS txid, position::text AS pos FROM ${this.table} WHERE stream_id = $1 AND event_id = ANY($2::text[])`,
        [append.stream, append.events.map((event) => event.id)],
      );
      const plan = resolveRetry(
        append,
        existing.map((row) => ({ id: row.event_id, type: row.type, occurredAt: row.occurred_at, data: row.data, revision: row.revision, position: encodePosition(row.txid, row.pos) })),
      );
      if (plan.kind === 'done') return plan.result;
      const { rows: headRows } = await db.query<{ revision: number; hash: string }>(
        `SELECT revision, hash FROM ${this.table} WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1`,
        [append.stream],
      );
      const chained = chainEvents(append, headRows[0], this.clock().toISOString(), plan.fresh);
      try {
        const positions = await this.insert(db, chained);
        const last = chained[chained.length - 1]!;
        if (db === this.pool) this.rememberHead(last);
        return appendResultOf(chained, positions.get(`${last.revision}@${last.stream}`)!);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= CAREFUL_ATTEMPTS) {
          if (isUniqueViolation(error)) {
            const actual = await this.streamRevisionOn(db, append.stream);
            throw new WrongExpectedRevisionError(append.stream, append.expectedRevision, actual ?? 'no-stream');
          }
          throw error;
        }
      }
    }
  }

  /**
   * An append inside a transaction the caller holds on its own connection (the contract's
   * held-open writer; also for callers that must append atomically with their own writes).
   */
  appendWithin(client: PoolClient, stream: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    return this.appendCarefully(client, prepareAppend(stream, events, options.expectedRevision));
  }

  /** A connection of this store's pool, for `appendWithin`; release it when done. */
  connect(): Promise<PoolClient> {
    return this.pool.connect();
  }

  private rememberHead(last: ChainedEvent): void {
    if (this.heads.size >= HEADS_KEPT && !this.heads.has(last.stream)) this.heads.clear();
    this.heads.set(last.stream, { revision: last.revision, hash: last.hash });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 2_147_483_647 : 0);
    const maxCount = options.maxCount ?? null; // LIMIT NULL: no limit
    const typeFilter = options.types ? 'AND type = ANY($4::text[])' : '';
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE stream_id = $1 AND revision ${backwards ? '<=' : '>='} $2 ${typeFilter}
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      options.types ? [stream, from, maxCount, options.types] : [stream, from, maxCount],
    );
    return rows.map(toRecordedEvent);
  }

  /** A stream's rows as stored, data and metadata unparsed: the audit's fast chain check (docs/audit.md). */
  async readStoredStream(stream: string, fromRevision: number, maxCount: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM ${this.table} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision ASC LIMIT $3`, [stream, fromRevision, maxCount]);
    return rows.map(storedEventOf);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readStoredLog(options.afterPosition ?? LOG_START, options.maxCount ?? 1000)).map(recordedEventOf);
  }

  /** The log's rows as stored, in log order, unparsed (readAll without the parse; the audit's whole-store scan, docs/audit.md). */
  async readStoredLog(afterPosition: LogPosition, maxCount: number): Promise<StoredEvent[]> {
    const [transactionId, position] = decodePosition(afterPosition);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}
       WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, position LIMIT $3`,
      [transactionId.toString(), position.toString(), maxCount],
    );
    return rows.map(storedEventOf);
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    return pollingSubscription({
      afterPosition: options.afterPosition ?? LOG_START,
      batchSize: options.batchSize ?? 500,
      read: (after, maxCount) => this.readAll({ afterPosition: after, maxCount }),
      waitForAppend: (after) => this.visibleAfter(after),
    });
  }

  /** Polls for events visible after `after` (other processes' commits), woken early by this one's. */
  private async visibleAfter(after: LogPosition): Promise<boolean> {
    while (!this.closed) {
      if (comparePositionPairs(await this.headPosition(), after) > 0) return true;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, this.pollIntervalMs);
        this.waiters.add(wake);
      });
    }
    return false;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return this.streamRevisionOn(this.pool, stream);
  }

  private async streamRevisionOn(db: Queryable, stream: string): Promise<number | undefined> {
    const { rows } = await db.query<{ revision: number }>(`SELECT revision FROM ${this.table} WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1`, [stream]);
    return rows[0]?.revision;
  }

  async headPosition(): Promise<LogPosition> {
    const { rows } = await this.pool.query<{ txid: string; pos: string }>(
      `SELECT transaction_id::text AS txid, position::text AS pos FROM ${this.table}
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    return rows[0] ? encodePosition(rows[0].txid, rows[0].pos) : LOG_START;
  }

  comparePositions(a: LogPosition, b: LogPosition): number {
    return comparePositionPairs(a, b);
  }

  /** Every stream's name, in order, a page at a time (for `vigil verify`). */
  async streamNames(after = '', maxCount = 1000): Promise<string[]> {
    const { rows } = await this.pool.query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM ${this.table} WHERE stream_id > $1 ORDER BY stream_id LIMIT $2`,
      [after, maxCount],
    );
    return rows.map((row) => row.stream_id);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.lanes.some((lane) => lane.writing || lane.pending.length > 0)) await new Promise((resolve) => setTimeout(resolve, 5));
    this.closed = true;
    this.notify();
    await this.pool.end();
  }

  private notify(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

function laneOf(stream: string, lanes: number): number {
  let hash = 2166136261; // FNV-1a
  for (let i = 0; i < stream.length; i++) hash = Math.imul(hash ^ stream.charCodeAt(i), 16777619);
  return (hash >>> 0) % lanes;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return recordedEventOf(storedEventOf(row));
}

function storedEventOf(row: EventRow): StoredEvent {
  return {
    position: encodePosition(row.txid, row.pos),
    id: row.event_id,
    stream: row.stream_id,
    revision: row.revision,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

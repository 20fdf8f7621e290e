import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  appendResultOf,
  chainEvents,
  enqueueAppend,
  freezeEvent,
  integerPositions,
  LOG_START,
  pollingSubscription,
  recordedEventOf,
  resolveRetry,
  StoreFormatError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
  type AllSubscription,
  type AppendResult,
  type EventStore,
  type ExistingEvent,
  type ExpectedRevision,
  type LogPosition,
  type NewEvent,
  type PreparedAppend,
  type QueuedAppend,
  type PreparedEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoreClock,
  type StoredEvent,
  type StoreWriteStatus,
  type SubscribeOptions,
} from '@vigil/event-store';
import { RecentEvents } from './recent-events';
import { storeUnavailableFrom } from './sqlite-write-failure';
import { EVENT_STORE_SCHEMA, SQLITE_STORE_FORMAT } from './schema';
import { SqliteProcessorCheckpoints } from './sqlite-processor-checkpoints';

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash';
type RawEventRow = [number, string, string, number, string, string, string, string, string, string | null, string];

/** Enough for every live subscriber to read the head from memory; older reads go to SQLite. */
const RECENT_EVENTS_KEPT = 20_000;

type PendingAppend = QueuedAppend;

/** How often a subscriber looks for appends made by other processes on the same file. */
const EXTERNAL_WRITES_POLL_MS = 250;

export type SqliteEventStoreOptions = {
  /** The store's clock for `recordedAt`; injected so tests and replays control it. */
  clock?: StoreClock;
};

/**
 * EventStore on one SQLite file (WAL, synchronous=FULL). Validation, revision checks, idempotency
 * and the hash chain are the shared layer's (store-core.ts); this adapter stores and finds rows.
 * Appends that arrive while a commit is pending are committed together: each waits for the one
 * shared fsync (group commit), and each runs in its own savepoint so one append's conflict does not
 * fail its neighbours. One writer: positions are contiguous integers, in commit order.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: StoreClock;
  private readonly statements;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  /** Events written by the transaction in progress; they join `recent` only once it commits. */
  private staged: RecordedEvent[] = [];
  private readonly recent = new RecentEvents(RECENT_EVENTS_KEPT);
  /** The recent-events window is kept only while someone follows the log. */
  private subscribers = 0;
  private readonly waiters = new Set<() => void>();
  private closed = false;
  /** Set when a commit fails for want of space or I/O, cleared by the next commit that succeeds. */
  private writeFailure?: { error: StoreUnavailableError; since: string };

  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      return new SqliteEventStore(db, options, file);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  constructor(db: Database.Database, options: SqliteEventStoreOptions = {}, name = 'the SQLite event store') {
    this.db = db;
    this.clock = options.clock ?? (() => new Date());
    checkFormat(db, name);
    db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsynced at every commit, so an acknowledged append survives power loss.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    // Checkpoint every ~40 MB of WAL rather than 4 MB: hot index pages are copied back once, not ten times.
    db.pragma('wal_autocheckpoint = 10000');
    db.exec(EVENT_STORE_SCHEMA);
    db.pragma(`user_version = ${SQLITE_STORE_FORMAT}`);
    this.statements = {
      byStreamAndId: db.prepare<[string, string], { type: string; occurred_at: string; data: string; revision: number; position: number }>(
        'SELECT type, occurred_at, data, revision, position FROM events WHERE stream_id = ? AND event_id = ?',
      ),
      head: db.prepare<[string], { revision: number; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash)
         VALUES (@id, @stream, @revision, @type, @data, @metadata, @occurredAt, @recordedAt, @prevHash, @hash)`,
      ),
      // Raw arrays skip building a row object per event on the replay path.
      forwards: db
        .prepare<[string, number, number], RawEventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
        )
        .raw(true),
      backwards: db
        .prepare<[string, number, number], RawEventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
        )
        .raw(true),
      forwardsOfTypes: db
        .prepare<[string, number, string, number], RawEventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY revision ASC LIMIT ?`,
        )
        .raw(true),
      backwardsOfTypes: db
        .prepare<[string, number, string, number], RawEventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY revision DESC LIMIT ?`,
        )
        .raw(true),
      all: db
        .prepare<[number, number], RawEventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`)
        .raw(true),
      headPosition: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      streams: db.prepare<[string, number], { stream_id: string }>(
        'SELECT DISTINCT stream_id FROM events WHERE stream_id > ? ORDER BY stream_id LIMIT ?',
      ),
    };
  }

  writeStatus(): StoreWriteStatus {
    const failure = this.writeFailure;
    return failure ? { ok: false, reason: failure.error.reason, message: failure.error.message, since: failure.since } : { ok: true };
  }

  private noteWriteFailure(error: StoreUnavailableError): void {
    if (this.writeFailure?.error.reason === error.reason) return;
    this.writeFailure = { error, since: this.clock().toISOString() };
  }

  private processorCheckpoints?: SqliteProcessorCheckpoints;

  /** Processors' checkpoints, kept in this store's file (docs/architecture.md "Processors"). */
  get checkpoints(): SqliteProcessorCheckpoints {
    this.processorCheckpoints ??= new SqliteProcessorCheckpoints(this.db);
    return this.processorCheckpoints;
  }

  /** The underlying database, for projections that checkpoint in the same file and transaction. */
  get database(): Database.Database {
    return this.db;
  }

  appendToStream(stream: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    return enqueueAppend(this.closed, stream, events, options.expectedRevision, (queued) => {
      this.pending.push(queued);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const { append } of batch) {
          try {
            outcomes.push({ ok: true, result: this.appendOne(append) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing in the batch is durable. After
      // SQLITE_FULL inside a statement SQLite rolls the transaction back by itself, and COMMIT then
      // fails with "no transaction is active": the statement's error is the one that says why.
      this.staged = [];
      const unavailable = storeUnavailableFrom(error) ?? outcomes.map((outcome) => (outcome.ok ? undefined : storeUnavailableFrom(outcome.error))).find(Boolean);
      if (unavailable) this.noteWriteFailure(unavailable);
      for (const append of batch) append.reject(unavailable ?? error);
      return;
    }
    this.recent.add(this.staged);
    this.staged = [];
    batch.forEach((append, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) append.resolve(outcome.result);
      else {
        // A statement can fail for want of space before the commit does (SQLITE_FULL on insert).
        const unavailable = storeUnavailableFrom(outcome.error);
        if (unavailable) this.noteWriteFailure(unavailable);
        append.reject(unavailable ?? outcome.error);
      }
    });
    if (outcomes.some((outcome) => outcome.ok)) this.writeFailure = undefined;
    if (outcomes.some((outcome) => outcome.ok)) this.notify();
  }

  /**
   * Each append runs in its own savepoint. The fast path inserts without looking ids up first;
   * only when it trips over an id already in the stream or a revision conflict does the careful
   * path run, which recognises a retry of an append that already landed.
   */
  private appendOne(append: PreparedAppend): AppendResult {
    const mark = this.staged.length;
    try {
      return this.savepoint(() => this.insertEvents(append, append.events));
    } catch (error) {
      this.staged.length = mark; // the savepoint rolled those rows back
      if (!(error instanceof WrongExpectedRevisionError) && !isDuplicateEventId(error)) throw error;
      try {
        return this.savepoint(() => {
          const existing = append.events.flatMap((event): ExistingEvent[] => {
            const row = this.statements.byStreamAndId.get(append.stream, event.id);
            return row
              ? [{ id: event.id, type: row.type, occurredAt: row.occurred_at, data: row.data, revision: row.revision, position: integerPositions.encode(row.position) }]
              : [];
          });
          const plan = resolveRetry(append, existing);
          return plan.kind === 'done' ? plan.result : this.insertEvents(append, plan.fresh);
        });
      } catch (retryError) {
        this.staged.length = mark;
        throw retryError;
      }
    }
  }

  private insertEvents(append: PreparedAppend, events: readonly PreparedEvent[]): AppendResult {
    const chained = chainEvents(append, this.statements.head.get(append.stream), this.clock().toISOString(), events);
    let position = 0;
    for (const event of chained) {
      position = Number(this.statements.insert.run(event).lastInsertRowid);
      if (this.subscribers > 0) this.staged.push(freezeEvent(recordedEventOf({ ...event, position: integerPositions.encode(position) })));
    }
    return appendResultOf(chained, integerPositions.encode(position));
  }

  private savepoint<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    // The type filter runs inside SQLite, so the rows it skips (a session's readings) are never parsed.
    const rows = options.types
      ? (backwards ? this.statements.backwardsOfTypes : this.statements.forwardsOfTypes).all(stream, from, JSON.stringify(options.types), maxCount)
      : (backwards ? this.statements.backwards : this.statements.forwards).all(stream, from, maxCount);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(integerPositions.decode(options.afterPosition ?? LOG_START), options.maxCount ?? 1000);
  }

  private readAllSync(afterPosition: number, maxCount: number): RecordedEvent[] {
    // Subscribers following the head read what was just written from memory, parsed once for all.
    return this.recent.after(afterPosition, maxCount) ?? this.statements.all.all(afterPosition, maxCount).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.subscribers++;
    let counted = true;
    const subscription = pollingSubscription({
      afterPosition: options.afterPosition ?? LOG_START,
      batchSize: options.batchSize ?? 500,
      read: async (after, max) => this.readAllSync(integerPositions.decode(after), max),
      waitForAppend: (after) => this.appendAfter(integerPositions.decode(after)),
    });
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      unsubscribe: async () => {
        if (counted) this.subscribers--;
        counted = false;
        await subscription.unsubscribe();
      },
    };
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return this.statements.head.get(stream)?.revision;
  }

  async headPosition(): Promise<LogPosition> {
    return integerPositions.encode(this.statements.headPosition.get()?.position ?? 0);
  }

  comparePositions(a: LogPosition, b: LogPosition): number {
    return integerPositions.compare(a, b);
  }

  /** A stream's rows as stored, data and metadata unparsed: the audit's fast chain check (docs/audit.md). */
  async readStoredStream(stream: string, fromRevision: number, maxCount: number): Promise<StoredEvent[]> {
    return this.statements.forwards.all(stream, fromRevision, maxCount).map(storedEventOf);
  }

  /** The log's rows as stored, in log order, unparsed: the audit's whole-store scan (docs/audit.md). */
  async readStoredLog(afterPosition: LogPosition, maxCount: number): Promise<StoredEvent[]> {
    return this.statements.all.all(integerPositions.decode(afterPosition), maxCount).map(storedEventOf);
  }

  /** Every stream's name, in order, a page at a time (for `vigil verify`). */
  async streamNames(after = '', maxCount = 1000): Promise<string[]> {
    return this.statements.streams.all(after, maxCount).map((row) => row.stream_id);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.pending.length > 0) this.flush();
    this.closed = true;
    this.notify();
    this.db.close();
  }

  /**
   * Resolves at this process's next append, or after a short while: another process writing the
   * same file (the CLI, a second service) wakes no waiter here, so subscribers also look again on
   * their own. A look that finds nothing new simply waits again.
   */
  private appendAfter(position: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if ((this.statements.headPosition.get()?.position ?? 0) > position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(!this.closed);
      };
      const timer = setTimeout(wake, EXTERNAL_WRITES_POLL_MS);
      timer.unref();
      this.waiters.add(wake);
    });
  }

  private notify(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** A file written by another format version is refused with a message naming the migration. */
function checkFormat(db: Database.Database, name: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SQLITE_STORE_FORMAT) return;
  const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
  if (!hasEvents) return;
  const found = version || 1;
  const remedy =
    found < SQLITE_STORE_FORMAT
      ? `Copy it into the current layout with: npx vigil store migrate --from ${name} --to <new file> (the original is left untouched; then point VIGIL_DATA_DIR at the copy, named events.sqlite).`
      : 'It was written by a newer version of Vigil: run that version.';
  throw new StoreFormatError(name, found, SQLITE_STORE_FORMAT, remedy);
}

/**
 * Judged by code and message, not `instanceof Error`: better-sqlite3 registers its error class
 * once per process, so under a test runner's per-file sandboxes it may come from another realm.
 */
function isDuplicateEventId(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}

function storedEventOf(row: unknown): StoredEvent {
  const [position, id, stream, revision, type, data, metadata, occurredAt, recordedAt, prevHash, hash] = row as RawEventRow;
  return { position: integerPositions.encode(position), id, stream, revision, type, data, metadata, occurredAt, recordedAt, prevHash, hash };
}

function toRecordedEvent(row: unknown): RecordedEvent {
  return recordedEventOf(storedEventOf(row));
}

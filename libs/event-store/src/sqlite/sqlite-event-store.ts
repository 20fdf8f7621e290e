import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AllSubscription, AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../event-store.port';
import type { NewEvent, RecordedEvent } from '../events';
import { CorruptEventError, EventIdConflictError, InvalidAppendError, WrongExpectedRevisionError, type StoreUnavailableError, type StoreWriteStatus } from '../errors';
import { storeUnavailableFrom } from './sqlite-write-failure';
import { canonicalJson } from '../canonical-json';
import { eventHashOfCanonicalData } from '../hash-chain';
import { pollingSubscription } from '../polling-subscription';
import { freezeEvent, RecentEvents } from './recent-events';
import { EVENT_STORE_SCHEMA } from './schema';

type EventRow = {
  position: number;
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

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash';
type RawEventRow = [number, string, string, number, string, string, string, string, string, string | null, string];

/** Enough for every live subscriber to read the head from memory; older reads go to SQLite. */
const RECENT_EVENTS_KEPT = 20_000;

type PendingAppend = {
  stream: string;
  events: readonly NewEvent[];
  /** Each event's data in canonical JSON: stored as is, hashed as is, compared as is. */
  canonicalData: string[];
  expectedRevision: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
};

export type SqliteEventStoreOptions = {
  /** The store's clock for `recordedAt`; injected so tests and replays control it. */
  clock?: () => Date;
};

/**
 * EventStore on one SQLite file (WAL, synchronous=FULL). Appends that arrive while a commit is
 * pending are committed together: each waits for the one shared fsync (group commit), and each
 * runs in its own savepoint so one append's conflict does not fail its neighbours.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: () => Date;
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
    return new SqliteEventStore(new Database(file), options);
  }

  constructor(db: Database.Database, options: SqliteEventStoreOptions = {}) {
    this.db = db;
    this.clock = options.clock ?? (() => new Date());
    db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsynced at every commit, so an acknowledged append survives power loss.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    // Checkpoint every ~40 MB of WAL rather than 4 MB: hot index pages are copied back once, not ten times.
    db.pragma('wal_autocheckpoint = 10000');
    db.exec(EVENT_STORE_SCHEMA);
    this.statements = {
      byId: db.prepare<[string], EventRow>('SELECT * FROM events WHERE event_id = ?'),
      head: db.prepare<[string], { revision: number; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, occurred_at, recorded_at, prev_hash, hash)
         VALUES (@event_id, @stream_id, @revision, @type, @data, @metadata, @occurred_at, @recorded_at, @prev_hash, @hash)`,
      ),
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
      // Raw arrays skip building a row object per event on the replay path.
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

  /** The underlying database, for projections that checkpoint in the same file and transaction. */
  get database(): Database.Database {
    return this.db;
  }

  appendToStream(stream: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    let canonicalData: string[];
    try {
      canonicalData = validateAppend(stream, events, options.expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ stream, events, canonicalData, expectedRevision: options.expectedRevision, resolve, reject });
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
        for (const append of batch) {
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
   * only when it trips over a known id or a revision conflict does the careful path run, which
   * recognises a retry of an append that already landed and answers what the first one answered.
   */
  private appendOne(append: PendingAppend): AppendResult {
    const mark = this.staged.length;
    try {
      return this.savepoint(() => this.insertEvents(append, append.events.map((_, index) => index)));
    } catch (error) {
      this.staged.length = mark; // the savepoint rolled those rows back
      if (!(error instanceof WrongExpectedRevisionError) && !isDuplicateEventId(error)) throw error;
      try {
        return this.savepoint(() => this.appendCarefully(append));
      } catch (retryError) {
        this.staged.length = mark;
        throw retryError;
      }
    }
  }

  private appendCarefully(append: PendingAppend): AppendResult {
    const fresh: number[] = [];
    let original: AppendResult | undefined;
    append.events.forEach((event, index) => {
      const existing = this.statements.byId.get(event.id);
      if (!existing) {
        fresh.push(index);
        return;
      }
      const same =
        existing.stream_id === append.stream &&
        existing.type === event.type &&
        existing.occurred_at === event.occurredAt &&
        existing.data === append.canonicalData[index];
      if (!same) {
        throw new EventIdConflictError(event.id, append.stream, existing.stream_id, {
          type: existing.type,
          data: JSON.parse(existing.data),
          occurredAt: existing.occurred_at,
        });
      }
      if (!original || existing.position > original.position) {
        original = { nextExpectedRevision: existing.revision, position: existing.position, appendedCount: 0 };
      }
    });
    if (fresh.length === 0 && original) return original;
    return this.insertEvents(append, fresh);
  }

  private insertEvents({ stream, events, canonicalData, expectedRevision }: PendingAppend, indexes: number[]): AppendResult {
    const head = this.statements.head.get(stream);
    checkExpectedRevision(stream, expectedRevision, head?.revision);
    const recordedAt = this.clock().toISOString();
    let revision = head ? head.revision : -1;
    let prevHash: string | null = head ? head.hash : null;
    let position = 0;
    for (const index of indexes) {
      const event = events[index]!;
      const data = canonicalData[index]!;
      revision++;
      const hash = eventHashOfCanonicalData({ stream, revision, type: event.type, occurredAt: event.occurredAt, recordedAt, prevHash }, data);
      const info = this.statements.insert.run({
        event_id: event.id,
        stream_id: stream,
        revision,
        type: event.type,
        data,
        metadata: event.metadata ? JSON.stringify(event.metadata) : '{}',
        occurred_at: event.occurredAt,
        recorded_at: recordedAt,
        prev_hash: prevHash,
        hash,
      });
      position = Number(info.lastInsertRowid);
      if (this.subscribers > 0) this.staged.push(
        freezeEvent({
          id: event.id,
          stream,
          revision,
          position,
          type: event.type,
          data: JSON.parse(data),
          metadata: { ...(event.metadata ?? {}), chain: { prevHash, hash } } as RecordedEvent['metadata'],
          occurredAt: event.occurredAt,
          recordedAt,
        }),
      );
      prevHash = hash;
    }
    return { nextExpectedRevision: revision, position, appendedCount: indexes.length };
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
    return this.readAllSync(options.afterPosition ?? 0, options.maxCount ?? 1000);
  }

  private readAllSync(afterPosition: number, maxCount: number): RecordedEvent[] {
    // Subscribers following the head read what was just written from memory, parsed once for all.
    return this.recent.after(afterPosition, maxCount) ?? this.statements.all.all(afterPosition, maxCount).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.subscribers++;
    let counted = true;
    const subscription = pollingSubscription({
      afterPosition: options.afterPosition ?? 0,
      batchSize: options.batchSize ?? 500,
      read: async (after, max) => this.readAllSync(after, max),
      waitForAppend: (after) => this.appendAfter(after),
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

  async headPosition(): Promise<number> {
    return this.statements.headPosition.get()?.position ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.pending.length > 0) this.flush();
    this.closed = true;
    this.notify();
    this.db.close();
  }

  private appendAfter(position: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if ((this.statements.headPosition.get()?.position ?? 0) > position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        resolve(!this.closed);
      };
      this.waiters.add(wake);
    });
  }

  private notify(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

function validateAppend(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): string[] {
  if (typeof stream !== 'string' || stream.length === 0) throw new InvalidAppendError(String(stream), 'stream name must not be empty');
  if (events.length === 0) throw new InvalidAppendError(stream, 'an append needs at least one event');
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(stream, `expected revision must be a non-negative integer, 'no-stream', 'exists' or 'any', got ${expected}`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (!event.id) throw new InvalidAppendError(stream, 'every event needs an id');
    if (ids.has(event.id)) throw new InvalidAppendError(stream, `event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (!event.type) throw new InvalidAppendError(stream, `event ${event.id} has no type`);
    if (Number.isNaN(Date.parse(event.occurredAt))) throw new InvalidAppendError(stream, `event ${event.id} has no valid occurredAt`);
  }
  // canonicalJson also refuses values JSON cannot carry (NaN, Infinity).
  return events.map((event) => canonicalJson(event.data));
}

/**
 * Judged by code and message, not `instanceof Error`: better-sqlite3 registers its error class
 * once per process, so under a test runner's per-file sandboxes it may come from another realm.
 */
function isDuplicateEventId(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}

export function checkExpectedRevision(stream: string, expected: ExpectedRevision, actual: number | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === undefined) ||
    (expected === 'exists' && actual !== undefined) ||
    (typeof expected === 'number' && actual === expected);
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, actual ?? 'no-stream');
}

function toRecordedEvent(row: unknown): RecordedEvent {
  const [position, id, stream, revision, type, dataText, metadataText, occurredAt, recordedAt, prevHash, hash] = row as RawEventRow;
  let data: RecordedEvent['data'];
  let metadata: RecordedEvent['metadata'];
  try {
    data = JSON.parse(dataText);
    metadata = metadataText === '{}' ? ({} as RecordedEvent['metadata']) : JSON.parse(metadataText);
  } catch (error) {
    throw new CorruptEventError(stream, revision, `stored JSON no longer parses (${(error as Error).message})`);
  }
  metadata.chain = { prevHash, hash };
  return { id, stream, revision, position, type, data, metadata, occurredAt, recordedAt };
}

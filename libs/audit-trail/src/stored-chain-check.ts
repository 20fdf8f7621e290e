import { eventHashOfCanonical, LOG_START, type EventStore, type LogPosition, type StoredEvent } from '@vigil/event-store';

/** Stores that hand out rows as stored (the SQLite and PostgreSQL adapters). */
export type ReadsStoredRows = EventStore & { readStoredStream(stream: string, fromRevision: number, maxCount: number): Promise<StoredEvent[]> };
export const readsStoredRows = (store: EventStore): store is ReadsStoredRows => typeof (store as Partial<ReadsStoredRows>).readStoredStream === 'function';

const PAGE = 5000;

/** A head some checkpoint (or the witness) recorded: the hash it holds at a revision. */
export type RecordedHash = { hash: string };

export type StoredChainCheck =
  | { intact: true; events: number; lastHash: string | null; firstMismatch?: { revision: number; stored: string } }
  | { intact: false };

/**
 * The chain check on rows as stored, without parsing their JSON: data and metadata are kept as the
 * canonical text they were hashed as (docs/event-store.md), so the hash is recomputed from the
 * text itself. This is the fast path of `audit verify` (docs/audit.md "Benchmark"); any doubt
 * (`intact: false`) sends the stream down the careful path, which parses, diagnoses and names the
 * failure, so both paths agree on every finding.
 */
export async function checkStoredChain(store: ReadsStoredRows, stream: string, expected: ReadonlyMap<number, RecordedHash> | undefined): Promise<StoredChainCheck> {
  let revision = 0;
  let prevHash: string | null = null;
  let firstMismatch: { revision: number; stored: string } | undefined;
  for (;;) {
    const rows = await store.readStoredStream(stream, revision, PAGE);
    for (const row of rows) {
      if (row.revision !== revision || row.prevHash !== prevHash || eventHashOfCanonical(row, row.data, row.metadata) !== row.hash) return { intact: false };
      const want = expected?.get(revision);
      if (want && want.hash !== row.hash && !firstMismatch) firstMismatch = { revision, stored: row.hash };
      prevHash = row.hash;
      revision++;
    }
    if (rows.length < PAGE) return { intact: true, events: revision, lastHash: prevHash, ...(firstMismatch ? { firstMismatch } : {}) };
  }
}

/** Stores that hand out the whole log's rows as stored, in log order. */
export type ReadsStoredLog = EventStore & { readStoredLog(afterPosition: LogPosition, maxCount: number): Promise<StoredEvent[]> };
export const readsStoredLog = (store: EventStore): store is ReadsStoredLog => typeof (store as Partial<ReadsStoredLog>).readStoredLog === 'function';

type StreamScan = { events: number; lastHash: string | null; firstMismatch?: { revision: number; stored: string }; doubtful: boolean };

/**
 * The same check for every stream in one pass over the log in log order: sequential reads instead
 * of one index walk per stream. A stream's events are in revision order in its log order (each
 * append takes the next revision), so anything else marks the stream doubtful, for the careful path.
 */
export async function scanStoredLog(store: ReadsStoredLog, expected: ReadonlyMap<string, ReadonlyMap<number, RecordedHash>>): Promise<Map<string, StoredChainCheck>> {
  const streams = new Map<string, StreamScan>();
  let after: LogPosition = LOG_START;
  for (;;) {
    const rows = await store.readStoredLog(after, PAGE);
    for (const row of rows) {
      let scan = streams.get(row.stream);
      if (!scan) streams.set(row.stream, (scan = { events: 0, lastHash: null, doubtful: false }));
      if (scan.doubtful) continue;
      if (row.revision !== scan.events || row.prevHash !== scan.lastHash || eventHashOfCanonical(row, row.data, row.metadata) !== row.hash) {
        scan.doubtful = true;
        continue;
      }
      const want = expected.get(row.stream)?.get(row.revision);
      if (want && want.hash !== row.hash && !scan.firstMismatch) scan.firstMismatch = { revision: row.revision, stored: row.hash };
      scan.lastHash = row.hash;
      scan.events++;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.position;
  }
  const results = new Map<string, StoredChainCheck>();
  for (const [stream, scan] of streams) {
    results.set(stream, scan.doubtful ? { intact: false } : { intact: true, events: scan.events, lastHash: scan.lastHash, ...(scan.firstMismatch ? { firstMismatch: scan.firstMismatch } : {}) });
  }
  return results;
}

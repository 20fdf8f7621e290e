import { FIXED_STREAMS, parseStreamName, sessionStreamOfType } from '@vigil/domain';
import type { JsonObject, LogPosition, NewEvent } from '@vigil/event-store';
import { LegacySqliteStore, SQLITE_STORE_FORMAT, SqliteEventStore, verifyLegacyChains, type LegacyRow } from '@vigil/event-store-sqlite';
import { existsSync } from 'node:fs';

/** The bookkeeping stream a migrated store begins with; no id of any category produces this name. */
export const STORE_MIGRATION_STREAM = FIXED_STREAMS.storeMigration;

export type MigrationSummary = { from: string; to: string; fromFormat: number; toFormat: number; events: number; streams: number; movedToVitals: number; movedToAlarms: number };

/**
 * Copies a store of an earlier layout into a new file in the current one (docs/streams.md
 * "Stores from earlier versions"). The original is opened read-only and must verify first; the
 * copy's first event records the original's verified stream heads, so an auditor can tie the two
 * together. Events keep their ids, types, data, metadata, occurredAt and recordedAt and their
 * global order; a session's readings and alarms move to its `vitals-` and `alarms-` streams.
 * Tick markers name the position they followed, so each is pointed at the copied event's position.
 */
export async function migrateStore(from: string, to: string): Promise<MigrationSummary> {
  if (!existsSync(from)) throw new Error(`no store at ${from}`);
  if (existsSync(to)) throw new Error(`${to} already exists: the copy is always made into a new file`);
  const legacy = LegacySqliteStore.open(from);
  try {
    if (legacy.format === SQLITE_STORE_FORMAT) throw new Error(`${from} is already in the current layout (format ${SQLITE_STORE_FORMAT}): nothing to migrate`);
    if (legacy.format !== 1 && legacy.format !== 2) throw new Error(`${from} is in store format ${legacy.format}, which this version cannot read`);
    const heads = verifyLegacyChains(legacy);
    const references = tickReferences(legacy);

    let recordedAt = new Date();
    const store = SqliteEventStore.open(to, { clock: () => recordedAt });
    const summary: MigrationSummary = { from, to, fromFormat: legacy.format, toFormat: SQLITE_STORE_FORMAT, events: 0, streams: 0, movedToVitals: 0, movedToAlarms: 0 };
    try {
      await store.appendToStream(
        STORE_MIGRATION_STREAM,
        [
          {
            id: `migrated-from-format-${legacy.format}`,
            type: 'StoreMigrated',
            data: {
              fromFormat: legacy.format,
              toFormat: SQLITE_STORE_FORMAT,
              events: [...heads.values()].reduce((sum, head) => sum + head.events, 0),
              heads: [...heads.values()].map(({ stream, revision, hash }) => ({ stream, revision, hash })),
            },
            occurredAt: recordedAt.toISOString(),
          },
        ],
        { expectedRevision: 'no-stream' },
      );
      const newPositions = new Map<number, LogPosition>();
      let run: { stream: string; recordedAt: string; rows: LegacyRow[]; events: NewEvent[] } | undefined;
      const flush = async () => {
        if (!run) return;
        recordedAt = new Date(run.recordedAt);
        const { position } = await store.appendToStream(run.stream, run.events, { expectedRevision: 'any' });
        // Runs end at every referenced event, so its position is the append's.
        newPositions.set(run.rows[run.rows.length - 1]!.position, position);
        run = undefined;
      };
      const streams = new Set<string>();
      for (const row of legacy.rows()) {
        const stream = targetStream(row);
        if (stream !== row.stream) {
          if (stream.startsWith('vitals-')) summary.movedToVitals++;
          else summary.movedToAlarms++;
        }
        streams.add(stream);
        if (run && (run.stream !== stream || run.recordedAt !== row.recordedAt || run.events.length >= 1000)) await flush();
        run ??= { stream, recordedAt: row.recordedAt, rows: [], events: [] };
        run.rows.push(row);
        run.events.push({ id: row.id, type: row.type, data: JSON.parse(row.data) as JsonObject, metadata: remapTick(JSON.parse(row.metadata) as JsonObject, references, newPositions), occurredAt: row.occurredAt });
        summary.events++;
        if (references.events.has(row.position)) await flush();
      }
      await flush();
      summary.streams = streams.size;
      return summary;
    } finally {
      await store.close();
    }
  } finally {
    legacy.close();
  }
}

/** Where an event of the old layout lives now: a session's readings and alarms have streams of their own. */
function targetStream(row: LegacyRow): string {
  const parsed = parseStreamName(row.stream);
  if (parsed?.category !== 'session') return row.stream;
  return sessionStreamOfType(parsed.id, row.type) ?? row.stream;
}

type TickReferences = {
  /** For each position a tick marker names, the last event at or before it: the event the tick followed. */
  eventOfMarker: Map<number, number>;
  /** Those events: each ends an append, so its position in the copy is known. */
  events: Set<number>;
};

/** Markers were written by the engine as the position of an event it had applied (or the head then). */
function tickReferences(legacy: LegacySqliteStore): TickReferences {
  const markers = new Set<number>();
  for (const row of legacy.rows()) {
    const after = tickAfter(row.metadata);
    if (after !== undefined) markers.add(after);
  }
  const sorted = [...markers].sort((a, b) => a - b);
  const eventOfMarker = new Map<number, number>();
  let i = 0;
  let last: number | undefined;
  const settle = (below: number) => {
    for (; i < sorted.length && sorted[i]! < below; i++) if (last !== undefined) eventOfMarker.set(sorted[i]!, last);
  };
  for (const row of legacy.rows()) {
    settle(row.position);
    last = row.position;
  }
  settle(Number.POSITIVE_INFINITY);
  return { eventOfMarker, events: new Set(eventOfMarker.values()) };
}

function tickAfter(metadata: string): number | undefined {
  if (!metadata.includes('"tick"')) return undefined;
  const tick = (JSON.parse(metadata) as { tick?: { afterPosition?: unknown } }).tick;
  const after = tick?.afterPosition;
  return typeof after === 'number' ? after : typeof after === 'string' && /^\d+$/.test(after) ? Number(after) : undefined;
}

function remapTick(metadata: JsonObject, references: TickReferences, newPositions: Map<number, LogPosition>): JsonObject {
  const tick = metadata.tick as JsonObject | undefined;
  if (!tick) return metadata;
  const after = typeof tick.afterPosition === 'number' ? tick.afterPosition : Number(tick.afterPosition);
  const event = references.eventOfMarker.get(after);
  const position = event === undefined ? undefined : newPositions.get(event);
  if (position === undefined) throw new Error(`a tick marker names position ${String(tick.afterPosition)}, which precedes every event copied so far`);
  return { ...metadata, tick: { ...tick, afterPosition: position as string } };
}

// Chooses and opens an event-store adapter. For composition roots only (apps/vigil, apps/cli, tests
// and benchmarks): each adapter's driver is loaded only when that adapter is chosen.
import type { EventStore, ProcessorCheckpointStore } from '@vigil/event-store';

export type EventStoreSelection =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; connectionString: string; schema: string };

/** What every adapter here offers besides the port: listing streams (for `vigil verify`), and processors' checkpoints in the same database. */
export type OpenedEventStore = EventStore & { streamNames(after?: string, maxCount?: number): Promise<string[]>; readonly checkpoints: ProcessorCheckpointStore };

export async function openEventStore(selection: EventStoreSelection): Promise<OpenedEventStore> {
  if (selection.kind === 'postgres') {
    const { PostgresEventStore } = await import('@vigil/event-store-postgres');
    return PostgresEventStore.open({ connectionString: selection.connectionString, schema: selection.schema });
  }
  const { SqliteEventStore } = await import('@vigil/event-store-sqlite');
  return SqliteEventStore.open(selection.file);
}

/** Every stream's name, in order (for `vigil verify`). */
export async function allStreamNames(store: OpenedEventStore): Promise<string[]> {
  const names: string[] = [];
  for (;;) {
    const page = await store.streamNames(names[names.length - 1] ?? '', 1000);
    names.push(...page);
    if (page.length < 1000) return names;
  }
}

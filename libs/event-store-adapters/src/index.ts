// Chooses and opens an event-store adapter. For composition roots only (apps/vigil, apps/cli, tests
// and benchmarks): each adapter's driver is loaded only when that adapter is chosen.
import type { EventStore, ProcessorCheckpointStore } from '@vigil/event-store';
import type { VigilConfig } from '@vigil/platform';
import { join } from 'node:path';

export type EventStoreSelection =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; connectionString: string; schema: string }
  | { kind: 'eventstoredb'; connectionString: string };

/** What every adapter here offers besides the port: listing streams (for `vigil verify`), and processors' checkpoints in the same database. */
export type OpenedEventStore = EventStore & { streamNames(after?: string, maxCount?: number): Promise<string[]>; readonly checkpoints: ProcessorCheckpointStore };

export async function openEventStore(selection: EventStoreSelection): Promise<OpenedEventStore> {
  switch (selection.kind) {
    case 'postgres': {
      const { PostgresEventStore } = await import('@vigil/event-store-postgres');
      return PostgresEventStore.open({ connectionString: selection.connectionString, schema: selection.schema });
    }
    case 'eventstoredb': {
      const { EventStoreDbEventStore } = await import('@vigil/event-store-eventstoredb');
      return EventStoreDbEventStore.open({ connectionString: selection.connectionString });
    }
    case 'sqlite': {
      const { SqliteEventStore } = await import('@vigil/event-store-sqlite');
      return SqliteEventStore.open(selection.file);
    }
    default: {
      const unknown: never = selection;
      throw new Error(`unknown event store ${(unknown as { kind: string }).kind}`);
    }
  }
}

/**
 * The adapter VIGIL_EVENT_STORE names (docs/event-store.md): SQLite under the data directory
 * (default), PostgreSQL, or EventStoreDB. loadConfig has already refused a missing EVENTSTORE_URL.
 */
export function eventStoreSelectionOf(config: Pick<VigilConfig, 'eventStore' | 'dataDir' | 'pgUrl' | 'pgSchema' | 'eventStoreUrl'>): EventStoreSelection {
  switch (config.eventStore) {
    case 'postgres':
      return { kind: 'postgres', connectionString: config.pgUrl, schema: config.pgSchema };
    case 'eventstoredb':
      if (!config.eventStoreUrl) throw new Error('EVENTSTORE_URL is required when VIGIL_EVENT_STORE=eventstoredb');
      return { kind: 'eventstoredb', connectionString: config.eventStoreUrl };
    case 'sqlite':
      return { kind: 'sqlite', file: join(config.dataDir, 'events.sqlite') };
    default: {
      const unknown: never = config.eventStore;
      throw new Error(`unknown event store ${String(unknown)}`);
    }
  }
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

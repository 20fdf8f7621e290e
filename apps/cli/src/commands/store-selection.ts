import type { Command } from 'commander';
import type { EventStoreSelection } from '@vigil/event-store-adapters';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where a command finds the store: the one the app uses (VIGIL_EVENT_STORE, VIGIL_DATA_DIR, VIGIL_PG_URL, VIGIL_PG_SCHEMA, EVENTSTORE_URL). */
export type StoreOptions = { dataDir: string; store: string; pgUrl: string; pgSchema: string; eventstoreUrl?: string };

export function addStoreOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory holding events.sqlite', process.env.VIGIL_DATA_DIR ?? './data')
    .option('--store <kind>', 'sqlite, postgres or eventstoredb', process.env.VIGIL_EVENT_STORE ?? 'sqlite')
    .option('--pg-url <url>', 'PostgreSQL connection string', process.env.VIGIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
    .option('--pg-schema <schema>', 'PostgreSQL schema of the store', process.env.VIGIL_PG_SCHEMA ?? 'vigil')
    .option('--eventstore-url <url>', 'EventStoreDB connection string (esdb://…)', process.env.EVENTSTORE_URL);
}

/** The adapter to open; an SQLite file that does not exist is an error, never a new empty store. */
export function selectionOf(options: StoreOptions): EventStoreSelection {
  if (options.store === 'postgres') return { kind: 'postgres', connectionString: options.pgUrl, schema: options.pgSchema };
  if (options.store === 'eventstoredb') {
    if (!options.eventstoreUrl) throw new Error('--store eventstoredb needs --eventstore-url <esdb://…> (or EVENTSTORE_URL)');
    return { kind: 'eventstoredb', connectionString: options.eventstoreUrl };
  }
  if (options.store !== 'sqlite') throw new Error(`--store must be sqlite, postgres or eventstoredb, got "${options.store}"`);
  const file = join(resolve(options.dataDir), 'events.sqlite');
  if (!existsSync(file)) throw new Error(`no event store at ${file}`);
  return { kind: 'sqlite', file };
}

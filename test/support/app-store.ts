import { allStreamNames, openEventStore, type EventStoreSelection, type OpenedEventStore } from '@vigil/event-store-adapters';
import { basename, join } from 'node:path';

/**
 * The event store the e2e suites run the app on: VIGIL_EVENT_STORE=postgres runs every suite on
 * PostgreSQL (VIGIL_PG_URL), each app in a fresh schema named after its data directory; the default
 * is SQLite in the data directory. Suites read the app's store only through these helpers.
 */
export const E2E_STORE: 'sqlite' | 'postgres' = process.env.VIGIL_EVENT_STORE === 'postgres' ? 'postgres' : 'sqlite';
const PG_URL = process.env.VIGIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function pgSchemaFor(dataDir: string): string {
  return `e2e_${basename(dataDir).toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

/** The environment that points an app with this data directory at its store. */
export function appStoreEnv(dataDir: string): Record<string, string> {
  return E2E_STORE === 'postgres' ? { VIGIL_EVENT_STORE: 'postgres', VIGIL_PG_URL: PG_URL, VIGIL_PG_SCHEMA: pgSchemaFor(dataDir) } : { VIGIL_EVENT_STORE: 'sqlite' };
}

export function appStoreSelection(dataDir: string): EventStoreSelection {
  return E2E_STORE === 'postgres'
    ? { kind: 'postgres', connectionString: PG_URL, schema: pgSchemaFor(dataDir) }
    : { kind: 'sqlite', file: join(dataDir, 'events.sqlite') };
}

/** Opens the app's store from the test process (SQLite's WAL and PostgreSQL both allow it while the app runs). */
export function openAppStore(dataDir: string): Promise<OpenedEventStore> {
  return openEventStore(appStoreSelection(dataDir));
}

export async function withAppStore<T>(dataDir: string, work: (store: OpenedEventStore) => Promise<T> | T): Promise<T> {
  const store = await openAppStore(dataDir);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Every stored event in log order, read through the port. */
export async function allEvents(store: OpenedEventStore) {
  const events = [];
  for (let page = await store.readAll({ maxCount: 5000 }); page.length > 0; ) {
    events.push(...page);
    page = await store.readAll({ afterPosition: page[page.length - 1]!.position, maxCount: 5000 });
  }
  return events;
}

export { allStreamNames };

/** Drops the app's PostgreSQL schema (nothing to do for SQLite: the data directory goes). */
export async function dropAppStore(dataDir: string): Promise<void> {
  if (E2E_STORE !== 'postgres') return;
  const { PostgresEventStore } = await import('@vigil/event-store-postgres');
  await PostgresEventStore.dropSchema(PG_URL, pgSchemaFor(dataDir));
}

// The SQLite adapter (better-sqlite3). Imported only by composition roots: it loads the driver.
export * from './sqlite-event-store';
export * from './legacy/legacy-sqlite-store';
export { SQLITE_STORE_FORMAT } from './schema';
export * from './sqlite-processor-checkpoints';

// The PostgreSQL adapter (pg). Imported only by composition roots: it loads the driver.
export * from './postgres-event-store';
export * from './test-database';
export * from './postgres-processor-checkpoints';

export * from './gateway-credentials';
export * from './ingest-limits';
export * from './ingest-result';
export * from './ingest.module';
export * from './ingest.service';
export * from './ingested-reading';
export * from './reading-event';
export * from './reading-validation';

// The EventStoreDB adapter (@eventstore/db-client). Imported only by composition roots: it loads the client.
export * from './eventstoredb-event-store';
export * from './eventstoredb-processor-checkpoints';
export * from './esdb-positions';
export { CHECKPOINT_STREAM_PREFIX } from './vigil-log-filter';
export * from './eventstoredb-image';

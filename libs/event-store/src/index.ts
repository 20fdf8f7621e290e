// The port and what every adapter shares. No adapter is exported here: importing the port loads no
// database driver. Adapters: @vigil/event-store-sqlite, @vigil/event-store-postgres (composition roots only).
export * from './canonical-json';
export * from './errors';
export * from './event-store.port';
export * from './events';
export * from './hash-chain';
export * from './positions';
export * from './store-core';
export * from './polling-subscription';
export * from './verify-stored-stream';
export * from './read-streams-merged';
export * from './verify-streams';
export * from './sole-writer';
export * from './consumer-lag';
export * from './processor-checkpoints.port';
export * from './conformance/processor-checkpoints.contract';
export * from './conformance/event-store.contract';
export * from './in-memory/in-memory-event-store';
export * from './incremental-log-fold';
export * from './consumer/log-consumer.port';
export * from './consumer/store-log-consumer';
export * from './conformance/log-consumer.contract';
export * from './wakeable-sleep';
export * from './conformance/per-key-log-consumer.contract';

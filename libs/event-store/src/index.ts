export * from './canonical-json';
export * from './errors';
export * from './event-store.port';
export * from './events';
export * from './hash-chain';
export * from './verify-stored-stream';
export * from './sqlite/sqlite-event-store';

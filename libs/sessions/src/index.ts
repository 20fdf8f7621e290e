export * from './concurrency-conflict.error';
export * from './device-registry';
export * from './session-stream';
export * from './sessions.module';
export * from './sessions.service';
export * from './dose-warnings';

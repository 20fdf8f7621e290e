export * from './device-kind';
export * from './dose-route';
export * from './session-commands';
export * from './session-errors';
export * from './session-events';
export * from './session';
export * from './reading-events';
export * from './session-phase';

export * from './ids';
export * from './stream-categories';
export * from './stream-names';
export * from './session-record-streams';
export * from './fixed-streams';

export * from './ids';
export * from './stream-categories';
export * from './stream-names';

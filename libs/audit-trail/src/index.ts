export * from './access-record';

export * from './clock';
export * from './config';
export * from './deterministic-id';
export * from './keyed-mutex';
export * from './tokens';
export * from './http/domain-errors.filter';
export * from './http/validation';
export * from './http/text-field.decorator';

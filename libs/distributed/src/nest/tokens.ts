/** The service's MessageBus (docs/distributed.md). */
export const MESSAGE_BUS = Symbol('MessageBus');
/** The service's DistributedConfig. */
export const DISTRIBUTED_CONFIG = Symbol('DistributedConfig');

export const EVENT_STORE = Symbol('EventStore');
export const VIGIL_CONFIG = Symbol('VigilConfig');
/** Where processors keep their checkpoints (a ProcessorCheckpointStore, docs/architecture.md "Processors"). */
export const PROCESSOR_CHECKPOINTS = Symbol('ProcessorCheckpoints');
/** How processors follow the log (a LogConsumer, docs/architecture.md "Processors"). */
export const LOG_CONSUMER = Symbol('LogConsumer');

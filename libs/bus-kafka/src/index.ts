// The Kafka adapter of the MessageBus port (docs/bus.md). Composition roots only: it loads kafkajs.
export * from './kafka-bus-options';
export * from './kafka-message-bus';

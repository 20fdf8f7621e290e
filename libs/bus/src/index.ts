// The bus port, the in-process adapter and the conformance suite. No Kafka client is loaded here:
// the Kafka adapter is @vigil/bus-kafka, imported by composition roots only (docs/bus.md).
export * from './message-bus.port';
export * from './bus-health';
export * from './errors';
export * from './topic-spec';
export * from './vigil-topics';
export * from './outgoing-messages';
export * from './in-process/in-process-broker';
export * from './in-process/in-process-message-bus';
export * from './conformance/message-bus.contract';
export * from './conformance/eventually';
export * from './conformance/delivery-recorder';

import { describeMessageBusContract } from '@vigil/bus';
import { KafkaMessageBus } from './kafka-message-bus';
import { testBusOptions } from './testing/test-bus-options';
import { describeWithKafka } from './testing/test-kafka-broker';

// The same suite as the in-process bus, unchanged, against a real broker (docs/bus.md, "Tests").
describeWithKafka('Kafka message bus', (brokers) => {
  describeMessageBusContract('Kafka (kafkajs 2.2.4)', async () => ({
    connect: () => KafkaMessageBus.connect(testBusOptions(brokers())),
  }));
});

import { describeLogConsumerContract, describePerKeyLogConsumerContract } from '@vigil/event-store';
import { KafkaMessageBus } from '@vigil/bus-kafka';
import { testBusOptions } from '../../../bus-kafka/src/testing/test-bus-options';
import { describeWithKafka } from '../../../bus-kafka/src/testing/test-kafka-broker';
import { relayedLogConsumerFactory } from './relayed-log-consumer.testing';

// The suites of bus-log-consumer.spec.ts, unchanged, with the relay and the consumer on a real broker (docs/distributed.md).
describeWithKafka('relay and bus consumer over Kafka', (brokers) => {
  const connect = () => KafkaMessageBus.connect(testBusOptions(brokers()));
  describeLogConsumerContract('relay and bus consumer, one partition, Kafka', relayedLogConsumerFactory(1, connect));
  describePerKeyLogConsumerContract('relay and bus consumer, three partitions, Kafka', relayedLogConsumerFactory(3, connect));
});

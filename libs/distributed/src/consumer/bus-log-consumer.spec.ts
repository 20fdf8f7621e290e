import { describeLogConsumerContract, describePerKeyLogConsumerContract } from '@vigil/event-store';
import { relayedLogConsumerFactory } from './relayed-log-consumer.testing';

// Over the in-process bus; the same suites on Kafka are bus-log-consumer.int-spec.ts (docs/distributed.md).
// One partition: the log's order, so the global contract, unchanged (what alerting follows).
describeLogConsumerContract('relay and bus consumer, one partition, in-process bus', relayedLogConsumerFactory(1));
// Several partitions: each key's order.
describePerKeyLogConsumerContract('relay and bus consumer, three partitions, in-process bus', relayedLogConsumerFactory(3));

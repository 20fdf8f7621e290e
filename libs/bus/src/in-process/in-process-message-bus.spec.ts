import { describeMessageBusContract } from '../conformance/message-bus.contract';
import { InProcessBroker } from './in-process-broker';
import { InProcessMessageBus } from './in-process-message-bus';

// One broker per test, several clients on it: the same shape as one Kafka cluster and several processes.
describeMessageBusContract('in-process', async () => {
  const broker = new InProcessBroker({ retryDelayMs: 20 });
  return { connect: async () => new InProcessMessageBus(broker) };
});

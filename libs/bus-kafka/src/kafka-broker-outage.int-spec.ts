import { DeliveryRecorder, eventually, type MessageBus } from '@vigil/bus';
import { randomUUID } from 'node:crypto';
import { KafkaMessageBus } from './kafka-message-bus';
import { testBusOptions } from './testing/test-bus-options';
import { describeWithKafka } from './testing/test-kafka-broker';
import { SeverableSockets } from './testing/severable-sockets';

const problemsOf = (bus: MessageBus) => {
  const health = bus.health();
  return health.healthy ? '' : health.problems.join('\n');
};

// Kafka only (the in-process bus has no network): a broker that is gone or stops answering makes
// the subscription unhealthy, so the app's readiness fails, and healthy again once it answers.
describeWithKafka('Kafka message bus when the broker is gone', (brokers) => {
  let sockets: SeverableSockets;
  let bus: KafkaMessageBus;
  let topic: string;
  let groupId: string;
  let received: DeliveryRecorder;

  beforeEach(async () => {
    sockets = await SeverableSockets.create();
    bus = await KafkaMessageBus.connect(testBusOptions(brokers(), { brokerSilenceLimitMs: 3_000, kafka: { socketFactory: sockets.factory } }));
    topic = `outage-${randomUUID().slice(0, 8)}`;
    groupId = `outage-${randomUUID().slice(0, 8)}`;
    await bus.ensureTopic({ name: topic, partitions: 1, retentionMs: 3_600_000 });
    received = new DeliveryRecorder();
    await bus.subscribe({ topic, groupId, handleBatch: received.handler() });
    expect(bus.health()).toEqual({ healthy: true });
  });

  afterEach(async () => {
    await bus.close();
    await sockets.dispose();
  });

  const recoversAndDelivers = async () => {
    sockets.restore();
    await eventually('the subscription to be healthy again', () => bus.health().healthy, 90_000);
    await bus.publish(topic, [{ key: 'session-after', value: 'after the outage' }]);
    await eventually('a message published after the outage delivered', () => received.values().includes('after the outage'), 60_000);
  };

  it('reports a crashed consumer while every connection is refused, then recovers and delivers', async () => {
    sockets.refuse();
    await eventually('the subscription to report the outage', () => !bus.health().healthy, 60_000);
    expect(problemsOf(bus)).toMatch(new RegExp(`group "${groupId}".*(consumer crashed|no answer from the broker)`));
    await recoversAndDelivers();
  });

  it('reports a broker that accepts connections but never answers once it is silent past the limit, then recovers', async () => {
    sockets.hang();
    await eventually('the silence to be reported', () => problemsOf(bus).includes('no answer from the broker'), 60_000);
    expect(problemsOf(bus)).toMatch(new RegExp(`group "${groupId}" on topic "${topic}": no answer from the broker for \\d+ ms \\(limit 3000 ms\\)`));
    await recoversAndDelivers();
  });
});

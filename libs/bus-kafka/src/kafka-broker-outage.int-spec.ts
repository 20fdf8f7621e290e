import { DeliveryRecorder, eventually } from '@vigil/bus';
import { randomUUID } from 'node:crypto';
import { KafkaMessageBus } from './kafka-message-bus';
import { testBusOptions } from './testing/test-bus-options';
import { describeWithKafka } from './testing/test-kafka-broker';
import { closedPort, SeverableSockets } from './testing/severable-sockets';

// Kafka only (the in-process bus has no network): a broker that stops answering makes the
// subscription unhealthy, so the app's readiness fails, and healthy again once it answers.
describeWithKafka('Kafka message bus when the broker is gone', (brokers) => {
  it('reports the consumer unhealthy while the broker is unreachable, then recovers and delivers', async () => {
    const sockets = new SeverableSockets(await closedPort());
    const bus = await KafkaMessageBus.connect(testBusOptions(brokers(), { brokerSilenceLimitMs: 3_000, kafka: { socketFactory: sockets.factory } }));
    try {
      const topic = `outage-${randomUUID().slice(0, 8)}`;
      await bus.ensureTopic({ name: topic, partitions: 1, retentionMs: 3_600_000 });
      const received = new DeliveryRecorder();
      const groupId = `outage-${randomUUID().slice(0, 8)}`;
      await bus.subscribe({ topic, groupId, handleBatch: received.handler() });
      expect(bus.health()).toEqual({ healthy: true });

      sockets.sever();
      await eventually('the subscription to report the outage', () => !bus.health().healthy, 60_000);
      const health = bus.health();
      expect(health.healthy ? '' : health.problems.join('\n')).toMatch(new RegExp(`group "${groupId}".*(no answer from the broker|consumer crashed)`));

      sockets.restore();
      await eventually('the subscription to be healthy again', () => bus.health().healthy, 90_000);
      await bus.publish(topic, [{ key: 'session-after', value: 'after the outage' }]);
      await eventually('a message published after the outage delivered', () => received.values().includes('after the outage'), 60_000);
    } finally {
      await bus.close();
    }
  });
});

import { InProcessMessageBus, type OutgoingMessage } from '@vigil/bus';
import { InMemoryEventStore, InMemoryProcessorCheckpoints, StoreLogConsumer, testEvent, until, type RecordedEvent } from '@vigil/event-store';
import { EventRelay, RELAY_PROCESSOR } from './event-relay';
import { eventOfMessage } from './event-message';

const topic = { name: 'relay-test', partitions: 2, retentionMs: 60_000 };

/** The in-process bus, with publishes that fail while `failing` is set (the broker unreachable). */
class FlakyBus extends InProcessMessageBus {
  failing = false;
  published: OutgoingMessage[] = [];
  override async publish(name: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.failing) throw new Error('broker unreachable');
    await super.publish(name, messages);
    this.published.push(...messages);
  }
}

describe('EventRelay (docs/distributed.md "The relay")', () => {
  it('publishes the log keyed by session, and saves its checkpoint only after the bus holds the batch', async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new InMemoryProcessorCheckpoints();
    const bus = new FlakyBus();
    await store.appendToStream('vitals-s1', [testEvent('r1', { i: 1 })], { expectedRevision: 'any' });
    await store.appendToStream('device-binding-ox1', [{ ...testEvent('b1', { i: 2 }), type: 'DeviceAssigned', data: { deviceId: 'ox1', sessionId: 's1' } }], { expectedRevision: 'any' });
    await store.appendToStream('device-ox9', [testEvent('u1', { i: 3 })], { expectedRevision: 'any' });
    bus.failing = true;
    const relay = new EventRelay(new StoreLogConsumer(store, { retryDelayMs: 5, maxRetryDelayMs: 10 }), checkpoints, bus, topic);
    await relay.start();
    try {
      await until(() => relay.status.consecutiveFailures >= 2, 'failed publishes');
      expect(relay.status.lastError).toBe('broker unreachable');
      expect(await checkpoints.load(RELAY_PROCESSOR)).toBeUndefined();
      bus.failing = false;
      await until(() => bus.published.length === 3, 'the three events published');
      expect(bus.published.map((message) => message.key)).toEqual(['s1', 's1', 'ox9']);
      const events: RecordedEvent[] = bus.published.map((message) => eventOfMessage({ ...message, topic: topic.name, partition: 0, offset: '0' }));
      expect(events.map((event) => event.id)).toEqual(['r1', 'b1', 'u1']);
      await until(() => relay.status.consecutiveFailures === 0, 'a success');
      expect((await checkpoints.load(RELAY_PROCESSOR))?.position).toBe(await store.headPosition());
    } finally {
      await relay.stop();
    }
  });

  it('resumes after its checkpoint: a restarted relay publishes only what came after', async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new InMemoryProcessorCheckpoints();
    const bus = new FlakyBus();
    await store.appendToStream('session-s2', [testEvent('c1', { i: 1 })], { expectedRevision: 'any' });
    const first = new EventRelay(new StoreLogConsumer(store), checkpoints, bus, topic);
    await first.start();
    const head = await store.headPosition();
    await until(() => first.status.publishedUpTo === head, 'the first checkpoint');
    await first.stop();
    await store.appendToStream('session-s2', [testEvent('c2', { i: 2 })], { expectedRevision: 'any' });
    const second = new EventRelay(new StoreLogConsumer(store), checkpoints, bus, topic);
    await second.start();
    try {
      await until(() => bus.published.length === 2, 'the event after the checkpoint');
      expect(bus.published.map((message) => JSON.parse(message.value).id)).toEqual(['c1', 'c2']);
    } finally {
      await second.stop();
    }
  });
});

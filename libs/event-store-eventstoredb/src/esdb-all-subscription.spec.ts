import { testEvent, type SubscriptionMessage } from '@vigil/event-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEventStoreDbServer } from './testing/fake-eventstoredb-server';

/** The next message, bounded so that a hang fails the test instead of stalling it. */
async function next(iterator: AsyncIterator<SubscriptionMessage>): Promise<SubscriptionMessage> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no message within 5 s')), 5_000)));
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error('the subscription ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

describe('the EventStoreDB subscription to all, when the server drops it', () => {
  it('subscribes again from the last delivered position: nothing missed, nothing twice', async () => {
    const server = new FakeEventStoreDbServer();
    const store = await EventStoreDbEventStore.openWithClient(server.client());
    const append = (from: number, n: number) =>
      store.appendToStream('vitals-s1', Array.from({ length: n }, (_, i) => testEvent(`r-${from + i}`, { n: from + i })), { expectedRevision: from === 0 ? 'no-stream' : from - 1 });
    await append(0, 2);
    const subscription = store.subscribeToAll({ batchSize: 10 });
    const iterator = subscription[Symbol.asyncIterator]();
    const revisions: number[] = [];
    const take = async (count: number) => {
      while (count > 0) {
        const message = await next(iterator);
        if (message.kind === 'event') {
          revisions.push(message.event.revision);
          count--;
        }
      }
    };
    await take(2);
    expect(await next(iterator)).toMatchObject({ kind: 'caught-up' });
    await append(2, 2);
    await take(2);
    server.dropSubscriptions();
    await append(4, 3);
    await take(3);
    server.dropSubscriptions();
    server.dropSubscriptions();
    await append(7, 1);
    await take(1);
    expect(revisions).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const pending = iterator.next();
    await subscription.unsubscribe();
    await expect(pending).resolves.toMatchObject({ done: true });
    await store.close();
  });
});

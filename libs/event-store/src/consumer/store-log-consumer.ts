import type { AllSubscription, EventStore, SubscriptionMessage } from '../event-store.port';
import type { RecordedEvent } from '../events';
import type { LogPosition } from '../positions';
import { WakeablePause } from './wakeable-pause';
import type { LogConsumer, LogConsumerHandler, LogConsumerRun, LogConsumerStatus } from './log-consumer.port';

export type StoreLogConsumerOptions = {
  /** The most events handed to one `handle` call. */
  maxBatch?: number;
  /** First pause after a failed delivery; it doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
};

type Next = Promise<IteratorResult<SubscriptionMessage>>;

/**
 * A `LogConsumer` over any event store's subscription to the whole log. Batches are what the
 * subscription has ready without waiting (a page read from the store), so a consumer catching up
 * gets large batches and a live one small, low-latency ones. A failure, of the store or of the
 * handler, never skips an event: the subscription is reopened after the last handled event and
 * the unhandled batch is delivered again.
 */
export class StoreLogConsumer implements LogConsumer {
  private readonly maxBatch: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    private readonly store: EventStore,
    options: StoreLogConsumerOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.retryDelayMs = options.retryDelayMs ?? 100;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
  }

  start(after: LogPosition, handler: LogConsumerHandler): LogConsumerRun {
    const status: LogConsumerStatus = { handledUpTo: after, caughtUp: false, consecutiveFailures: 0 };
    let stopped = false;
    let subscription: AllSubscription | undefined;
    const pause = new WakeablePause();

    const deliver = async (events: RecordedEvent[]) => {
      // Seen already: a reopened subscription overlaps what was handled.
      const fresh = events.filter((event) => this.store.comparePositions(event.position, status.handledUpTo) > 0);
      if (fresh.length === 0) return;
      await handler.handle(fresh);
      status.handledUpTo = fresh[fresh.length - 1]!.position;
    };

    const onePass = async () => {
      subscription = this.store.subscribeToAll({ afterPosition: status.handledUpTo, batchSize: this.maxBatch });
      const iterator = subscription[Symbol.asyncIterator]();
      let pending: Next | undefined;
      const pull = (): Next => (pending ??= iterator.next());
      try {
        for (;;) {
          const first = await pull();
          pending = undefined;
          if (first.done || stopped) return;
          const batch: RecordedEvent[] = [];
          let reachedHead: LogPosition | undefined;
          let message: IteratorResult<SubscriptionMessage> | undefined = first;
          while (message && !message.done) {
            if (message.value.kind === 'event') batch.push(message.value.event);
            else reachedHead = message.value.position;
            if (batch.length >= this.maxBatch || reachedHead !== undefined) break;
            message = await readyOrUndefined(pull());
            if (message) pending = undefined;
          }
          await deliver(batch);
          status.consecutiveFailures = 0;
          status.lastError = undefined;
          if (reachedHead !== undefined && !status.caughtUp) {
            status.caughtUp = true;
            handler.caughtUp?.(status.handledUpTo);
          }
          if (message?.done) return;
        }
      } finally {
        // A pull still waiting would hold the subscription open.
        await subscription.unsubscribe().catch(() => undefined);
      }
    };

    const running = (async () => {
      while (!stopped) {
        try {
          await onePass();
          if (stopped) return;
          // The subscription ended without being asked (the store closed): nothing more will come.
          return;
        } catch (error) {
          if (stopped) return;
          status.consecutiveFailures++;
          status.lastError = (error as Error).message;
          const delay = Math.min(this.retryDelayMs * 2 ** (status.consecutiveFailures - 1), this.maxRetryDelayMs);
          handler.failed?.(error as Error, delay);
          await pause.for(delay);
        }
      }
    })();

    return {
      status,
      async stop() {
        stopped = true;
        pause.wake();
        await subscription?.unsubscribe().catch(() => undefined);
        await running;
      },
    };
  }
}

/** The result if it is ready now (already settled, or settled within this turn of the event loop), else undefined. */
async function readyOrUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Immediate | undefined;
  const notYet = new Promise<undefined>((resolve) => (timer = setImmediate(() => resolve(undefined))));
  try {
    return await Promise.race([promise, notYet]);
  } finally {
    clearImmediate(timer);
  }
}

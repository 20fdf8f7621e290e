import type { AllSubscription, SubscriptionMessage } from './event-store.port';
import type { RecordedEvent } from './events';
import type { LogPosition } from './positions';

/**
 * A catch-up subscription built on `readAll`: it reads pages from its position until a page comes
 * back short, says it has caught up, then waits for the next append and reads again. Reading by
 * position (not by pushed notifications) is what makes it gap-free across the catch-up/live seam.
 */
export function pollingSubscription(options: {
  afterPosition: LogPosition;
  batchSize: number;
  read: (afterPosition: LogPosition, maxCount: number) => Promise<RecordedEvent[]>;
  /** Resolves true once the log holds an event after `afterPosition` (at once if it already does), false when the store closes. */
  waitForAppend: (afterPosition: LogPosition) => Promise<boolean>;
}): AllSubscription {
  let stopped = false;
  let wakeStop: (() => void) | undefined;
  const stoppedSignal = new Promise<false>((resolve) => (wakeStop = () => resolve(false)));

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    let position = options.afterPosition;
    let caughtUp = false;
    while (!stopped) {
      const page = await options.read(position, options.batchSize);
      for (const event of page) {
        if (stopped) return;
        position = event.position;
        yield { kind: 'event', event };
      }
      if (page.length >= options.batchSize) continue;
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: 'caught-up', position };
      }
      // Waiting on "anything after my position" rather than "the next append" closes the gap in
      // which an append lands between the short read and the wait.
      const more = await Promise.race([options.waitForAppend(position), stoppedSignal]);
      if (!more) return;
    }
  }

  const iterator = messages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async unsubscribe() {
      stopped = true;
      wakeStop?.();
      await iterator.return(undefined);
    },
  };
}

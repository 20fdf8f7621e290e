import { excludeSystemEvents, START, type AllStreamSubscription, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { wakeableSleep, type AllSubscription, type LogPosition, type RecordedEvent, type SubscriptionMessage } from '@vigil/event-store';
import { compareEsdbPositions, decodeEsdbPosition, encodeEsdbPosition } from './esdb-positions';
import { isVigilLogEvent } from './vigil-log-filter';

type ServerEvent = NonNullable<ResolvedEvent['event']>;

/** First pause before resubscribing after the server dropped a subscription; it doubles up to the cap. */
const RESUBSCRIBE_DELAY_MS = 100;
const RESUBSCRIBE_DELAY_CAP_MS = 5_000;

/**
 * The port's subscription on EventStoreDB (docs/event-store.md "EventStoreDB"): it catches up by
 * reading $all in pages (the same reads as `readAll`, so "caught up" means what it means in every
 * adapter), then follows the server's catch-up subscription to $all from the last position it
 * delivered. When the server drops that subscription (a restart, a leader change, a network cut)
 * it subscribes again from the same position, after a pause that grows while the drops repeat;
 * events delivered twice across the seam are recognised by position and not delivered again.
 */
export function esdbAllSubscription(options: {
  client: EventStoreDBClient;
  afterPosition: LogPosition;
  batchSize: number;
  readAll: (afterPosition: LogPosition, maxCount: number) => Promise<RecordedEvent[]>;
  recordedOf: (event: ServerEvent) => RecordedEvent;
}): AllSubscription {
  let stopped = false;
  let live: AllStreamSubscription | undefined;
  const { sleep, wake: wakeSleep } = wakeableSleep();

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    let position = options.afterPosition;
    for (;;) {
      const page = await options.readAll(position, options.batchSize);
      for (const event of page) {
        if (stopped) return;
        position = event.position;
        yield { kind: 'event', event };
      }
      if (page.length < options.batchSize) break;
    }
    if (stopped) return;
    yield { kind: 'caught-up', position };
    let drops = 0;
    while (!stopped) {
      const from = decodeEsdbPosition(position);
      live = options.client.subscribeToAll({ fromPosition: from ?? START, filter: excludeSystemEvents() });
      try {
        for await (const resolved of live) {
          if (stopped) return;
          const event = resolved.event;
          if (!event?.position || !isVigilLogEvent(event)) continue;
          const at = encodeEsdbPosition(event.position);
          if (compareEsdbPositions(at, position) <= 0) continue;
          position = at;
          drops = 0;
          yield { kind: 'event', event: options.recordedOf(event) };
        }
      } catch {
        // Dropped by the server or the network: subscribe again from `position` below.
      }
      if (stopped) return;
      drops++;
      await sleep(Math.min(RESUBSCRIBE_DELAY_MS * 2 ** (drops - 1), RESUBSCRIBE_DELAY_CAP_MS));
    }
  }

  const iterator = messages();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async unsubscribe() {
      stopped = true;
      wakeSleep();
      await live?.unsubscribe().catch(() => undefined);
      await iterator.return(undefined);
    },
  };
}

import { VIGIL_TOPICS, type DeliveredBatch, type MessageBus, type Subscription, type TopicSpec } from '@vigil/bus';
import { wakeableSleep, type LogConsumer, type LogConsumerHandler, type LogConsumerRun, type LogConsumerStatus, type LogPosition, type RecordedEvent } from '@vigil/event-store';
import { eventOfMessage } from '../relay/event-message';

export type BusLogConsumerOptions = {
  readonly bus: MessageBus;
  /** The consumer group: instances of one service share it and divide the partitions (docs/bus.md). */
  readonly groupId: string;
  /** The store's order on positions, to skip what the processor says it has applied. */
  readonly comparePositions: (a: LogPosition, b: LogPosition) => number;
  /** Made when missing, so a consumer may start before the relay that fills it (default `vigil.events`). */
  readonly topic?: TopicSpec;
  /**
   * The store's head, read when the consumer starts: "caught up" is then reached once an event at or
   * past it was handled. Without it "caught up" means joined (a per-key consumer cannot tell more).
   */
  readonly headPosition?: () => Promise<LogPosition>;
  /** First pause after a failed delivery; it doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
};

/**
 * A `LogConsumer` over the bus (docs/distributed.md "Processors over the bus"): the relay publishes
 * every stored event keyed by session, and this consumer hands a processor what its share of the
 * partitions carries. Order is the log's order per key (per session), not across keys: it passes
 * `describePerKeyLogConsumerContract`, not the global-order contract. A batch counts as consumed
 * (its offsets are committed) only when the handler resolved; a failure pauses, then rejects, and
 * the bus delivers the batch again.
 */
export class BusLogConsumer implements LogConsumer {
  private readonly topic: TopicSpec;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(private readonly options: BusLogConsumerOptions) {
    this.topic = options.topic ?? VIGIL_TOPICS.events;
    this.retryDelayMs = options.retryDelayMs ?? 100;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
  }

  start(after: LogPosition, handler: LogConsumerHandler): LogConsumerRun {
    const status: LogConsumerStatus = { handledUpTo: after, caughtUp: false, consecutiveFailures: 0 };
    const compare = this.options.comparePositions;
    let stopped = false;
    let subscription: Subscription | undefined;
    const pause = wakeableSleep();
    const noteFailure = async (error: Error) => {
      status.consecutiveFailures++;
      status.lastError = error.message;
      const delay = Math.min(this.retryDelayMs * 2 ** (status.consecutiveFailures - 1), this.maxRetryDelayMs);
      handler.failed?.(error, delay);
      await pause.sleep(delay);
    };

    // The port promises one batch at a time; the bus hands several partitions at once (docs/bus.md
    // "Batched"), so their batches take turns here.
    let turn: Promise<unknown> = Promise.resolve();
    const oneAtATime = (batch: DeliveredBatch): Promise<void> => {
      const mine = turn.then(() => handleBatch(batch));
      turn = mine.catch(() => undefined);
      return mine;
    };
    const handleBatch = async (batch: DeliveredBatch) => {
      // Stopped: abandon the batch uncommitted; the next owner of the partition gets it.
      if (stopped) throw new Error('log consumer stopped');
      // Already applied by the processor's own account (its checkpoint, a batch seen before).
      const events: RecordedEvent[] = batch.messages.map((message) => eventOfMessage(message)).filter((event) => compare(event.position, after) > 0);
      try {
        if (events.length > 0) await handler.handle(events);
      } catch (error) {
        await noteFailure(error as Error);
        throw error;
      }
      status.consecutiveFailures = 0;
      delete status.lastError;
      const last = events.at(-1)?.position;
      if (last !== undefined && compare(last, status.handledUpTo) > 0) status.handledUpTo = last;
      noteCaughtUp();
    };
    let headAtStart: LogPosition | undefined;
    let joined = false;
    const noteCaughtUp = () => {
      if (status.caughtUp || !joined) return;
      if (headAtStart !== undefined && compare(status.handledUpTo, headAtStart) < 0) return;
      status.caughtUp = true;
      handler.caughtUp?.(status.handledUpTo);
    };

    const running = (async () => {
      while (!stopped && !subscription) {
        try {
          headAtStart ??= await this.options.headPosition?.();
          await this.options.bus.ensureTopic(this.topic);
          const member = await this.options.bus.subscribe({ topic: this.topic.name, groupId: this.options.groupId, handleBatch: oneAtATime });
          if (stopped) await member.stop();
          else subscription = member;
        } catch (error) {
          if (stopped) return;
          await noteFailure(error as Error);
        }
      }
      if (stopped) return;
      joined = true;
      noteCaughtUp();
    })();

    return {
      status,
      async stop() {
        stopped = true;
        pause.wake();
        await running;
        await subscription?.stop();
      },
    };
  }
}

import { VIGIL_TOPICS, type MessageBus, type TopicSpec } from '@vigil/bus';
import { LOG_START, type LogConsumer, type LogConsumerRun, type LogPosition, type ProcessorCheckpointStore, type RecordedEvent } from '@vigil/event-store';
import { eventMessage } from './event-message';

/** The relay's checkpoint in the processor-checkpoint store (docs/distributed.md "The relay"). */
export const RELAY_PROCESSOR = 'bus-relay';
const RELAY_STATE_VERSION = 'relay-1';

export type EventRelayStatus = {
  running: boolean;
  /** The position of the last event the bus holds and the relay's checkpoint records. */
  publishedUpTo: LogPosition;
  caughtUp: boolean;
  consecutiveFailures: number;
  lastError?: string;
};

/**
 * Outbox-style relay (docs/distributed.md "The relay"): follows the store's log from its own
 * checkpoint, publishes each batch to the bus keyed by session (device for an unassigned reading),
 * and saves the checkpoint only after the bus acknowledged the batch. A crash between the two
 * publishes the batch again on restart: at least once, and consumers skip what they have applied
 * (event ids and positions travel with each event).
 */
export class EventRelay {
  private run: LogConsumerRun | undefined;
  private readonly state: EventRelayStatus = { running: false, publishedUpTo: LOG_START, caughtUp: false, consecutiveFailures: 0 };

  constructor(
    private readonly log: LogConsumer,
    private readonly checkpoints: ProcessorCheckpointStore,
    private readonly bus: MessageBus,
    private readonly topic: TopicSpec = VIGIL_TOPICS.events,
  ) {}

  get status(): EventRelayStatus {
    const consumer = this.run?.status;
    return { ...this.state, consecutiveFailures: consumer?.consecutiveFailures ?? 0, ...(consumer?.lastError ? { lastError: consumer.lastError } : {}) };
  }

  async start(): Promise<void> {
    await this.bus.ensureTopic(this.topic);
    const checkpoint = await this.checkpoints.load(RELAY_PROCESSOR);
    this.state.publishedUpTo = checkpoint?.position ?? LOG_START;
    this.state.running = true;
    this.run = this.log.start(this.state.publishedUpTo, {
      handle: (events) => this.publish(events),
      caughtUp: () => (this.state.caughtUp = true),
    });
  }

  async stop(): Promise<void> {
    this.state.running = false;
    await this.run?.stop();
  }

  private async publish(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One publish per batch keeps each key's messages in log order (docs/bus.md "Per-key order").
    await this.bus.publish(this.topic.name, events.map(eventMessage));
    const position = events[events.length - 1]!.position;
    await this.checkpoints.save(RELAY_PROCESSOR, { position, version: RELAY_STATE_VERSION, put: new Map(), remove: [] });
    this.state.publishedUpTo = position;
  }
}

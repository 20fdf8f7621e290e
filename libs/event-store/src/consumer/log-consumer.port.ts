import type { RecordedEvent } from '../events';
import type { LogPosition } from '../positions';

/**
 * What a processor (alerting, the dashboard projection, device routing) is given to follow the log
 * (docs/architecture.md "Processors"). The processor owns its checkpoint and says where to begin;
 * the consumer delivers every event after it, in log order, in batches, at least once.
 */
export interface LogConsumerHandler {
  /**
   * Applies a batch. The next batch is delivered only after this resolves; if it throws, the same
   * events are delivered again (after a pause), so a handler must tolerate an event seen twice.
   */
  handle(events: readonly RecordedEvent[]): Promise<void> | void;
  /** Everything stored when the consumer started (or resumed after a failure) has been handled. */
  caughtUp?(position: LogPosition): void;
  /** A delivery failed and will be retried: for logs and health, never to stop the consumer. */
  failed?(error: Error, retryInMs: number): void;
}

export type LogConsumerStatus = {
  /** The position of the last event whose batch was handled. */
  handledUpTo: LogPosition;
  caughtUp: boolean;
  /** Failed deliveries since the last success: a consumer stuck on a failure reports it here. */
  consecutiveFailures: number;
  lastError?: string;
};

export interface LogConsumerRun {
  readonly status: LogConsumerStatus;
  /** Stops delivering; resolves after the batch in hand (if any) is handled. */
  stop(): Promise<void>;
}

/**
 * The port. Adapters: `StoreLogConsumer` (any EventStore, through its subscription). A bus-backed
 * consumer (Kafka, docs/architecture.md) implements the same contract:
 * `describeLogConsumerContract` is run unchanged against each.
 */
export interface LogConsumer {
  start(after: LogPosition, handler: LogConsumerHandler): LogConsumerRun;
}

export type ConsumerFailures = { consecutiveFailures: number; lastError?: string };

/** What health shows of a consumer (none running yet: no failures). */
export function consumerFailuresOf(run: LogConsumerRun | undefined): ConsumerFailures {
  const status = run?.status;
  return status ? { consecutiveFailures: status.consecutiveFailures, ...(status.lastError ? { lastError: status.lastError } : {}) } : { consecutiveFailures: 0 };
}

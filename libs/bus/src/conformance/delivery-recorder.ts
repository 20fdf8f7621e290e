import type { BatchHandler, DeliveredBatch, DeliveredMessage } from '../message-bus.port';

/** Records what a subscriber was handed, batch by batch, for the contract's checks. */
export class DeliveryRecorder {
  readonly batches: DeliveredBatch[] = [];

  /** A handler that records each batch and then does `work` (by default: nothing, at once). */
  handler(work: (batch: DeliveredBatch) => Promise<void> = async () => undefined): BatchHandler {
    return async (batch) => {
      this.batches.push(batch);
      await work(batch);
    };
  }

  get messages(): DeliveredMessage[] {
    return this.batches.flatMap((batch) => batch.messages);
  }

  values(): string[] {
    return this.messages.map((message) => message.value);
  }

  distinctValues(): Set<string> {
    return new Set(this.values());
  }

  valuesOfKey(key: string): string[] {
    return this.messages.filter((message) => message.key === key).map((message) => message.value);
  }

  partitions(): Set<number> {
    return new Set(this.batches.map((batch) => batch.partition));
  }
}

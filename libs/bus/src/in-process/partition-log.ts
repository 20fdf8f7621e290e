import type { DeliveredMessage, OutgoingMessage } from '../message-bus.port';

/** One partition of an in-process topic: an append-only array whose head is dropped after retention. */
export class PartitionLog {
  private firstOffset = 0;
  private readonly messages: DeliveredMessage[] = [];
  private readonly appendedAt: number[] = [];

  constructor(private readonly topic: string, private readonly partition: number) {}

  get start(): number {
    return this.firstOffset;
  }

  get end(): number {
    return this.firstOffset + this.messages.length;
  }

  append(message: OutgoingMessage, now: number): void {
    const delivered: DeliveredMessage = {
      topic: this.topic,
      partition: this.partition,
      offset: String(this.end),
      key: message.key,
      value: message.value,
      ...(message.headers === undefined ? {} : { headers: { ...message.headers } }),
    };
    this.messages.push(delivered);
    this.appendedAt.push(now);
  }

  /** Up to `max` messages from `from` on; a position already dropped by retention starts at the oldest kept. */
  read(from: number, max: number): DeliveredMessage[] {
    const index = Math.max(0, from - this.firstOffset);
    return this.messages.slice(index, index + max);
  }

  dropOlderThan(cutoff: number): void {
    let count = 0;
    while (count < this.appendedAt.length && (this.appendedAt[count] ?? cutoff) < cutoff) count++;
    if (count === 0) return;
    this.messages.splice(0, count);
    this.appendedAt.splice(0, count);
    this.firstOffset += count;
  }
}

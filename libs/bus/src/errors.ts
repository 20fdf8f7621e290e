/** Publishing to, or subscribing to, a topic nobody created: topics are made deliberately (docs/bus.md). */
export class UnknownTopicError extends Error {
  override readonly name = 'UnknownTopicError';
  constructor(readonly topic: string) {
    super(`topic "${topic}" does not exist on the bus; create it with ensureTopic first (docs/bus.md)`);
  }
}

/** A publish that the bus did not confirm as durable: the caller must not answer "accepted". */
export class PublishFailedError extends Error {
  override readonly name = 'PublishFailedError';
  constructor(readonly topic: string, readonly messageCount: number, cause: unknown) {
    super(`publishing ${messageCount} message(s) to topic "${topic}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export class InvalidTopicSpecError extends Error {
  override readonly name = 'InvalidTopicSpecError';
  constructor(readonly topic: string, readonly field: 'name' | 'partitions' | 'retentionMs', reason: string) {
    super(`topic "${topic}": ${field} ${reason}`);
  }
}

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

/**
 * An existing topic with another partition count than Vigil's: keys would land elsewhere than
 * `partitionOf` says, and a consumer that owns partitions would watch the wrong keys (docs/bus.md
 * "Partitions").
 */
export class TopicPartitionsMismatchError extends Error {
  override readonly name = 'TopicPartitionsMismatchError';
  constructor(readonly topic: string, readonly expected: number, readonly actual: number) {
    super(`topic "${topic}" exists with ${actual} partition(s), but Vigil defines it with ${expected}: keys would go to other partitions than its consumers expect; drain its consumers and recreate it, or use another VIGIL_BUS_NAMESPACE (docs/bus.md "Partitions")`);
  }
}

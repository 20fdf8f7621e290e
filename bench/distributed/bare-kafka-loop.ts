import { VIGIL_TOPICS } from '@vigil/bus';
import { KAFKA_BUS_DEFAULTS } from '@vigil/bus-kafka';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

// The reference for the distributed pipeline (issue 11): kafkajs alone on the same broker, with the
// guarantees the bus adapter gives (libs/bus-kafka: idempotent producer, one request in flight,
// acks -1, murmur2 keys; a consumer group over eachBatch committing each batch after it is handled,
// docs/bus.md), messages as large as the relay's, on a topic of as many partitions as `vigil.events`.

export type BareMessage = { key: string; value: string; headers: Record<string, string> };
export type BareLoopResult = { messages: number; seconds: number; produceSeconds: number; batches: number };

export async function runBareKafkaLoop(options: {
  brokers: string[];
  topic: string;
  groupId: string;
  /** The message to send N times (a real relay message), under the keys in turn (the sessions' ids). */
  template: BareMessage;
  keys: readonly string[];
  messages: number;
  /** Messages per producer send: the relay sends what one store page brought. */
  sendSize: number;
  timeoutMs: number;
}): Promise<BareLoopResult> {
  const kafka = new Kafka({ clientId: `${options.groupId}-client`, brokers: options.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: options.topic, numPartitions: VIGIL_TOPICS.events.partitions }] });
  await admin.disconnect();

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: KAFKA_BUS_DEFAULTS.maxWaitTimeMs, allowAutoTopicCreation: false });
  let consumed = 0;
  let batches = 0;
  let allConsumed: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allConsumed = resolve));
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: KAFKA_BUS_DEFAULTS.partitionsConsumedConcurrently,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }) => {
        if (batch.messages.length === 0) return;
        // What a handler minimally does with an event: read it.
        for (const message of batch.messages) JSON.parse(message.value!.toString());
        const last = batch.messages[batch.messages.length - 1]!.offset;
        resolveOffset(last);
        await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }] });
        await heartbeat();
        batches++;
        consumed += batch.messages.length;
        if (consumed >= options.messages) allConsumed();
      },
    });
    await joined;

    const started = performance.now();
    for (let sent = 0; sent < options.messages; sent += options.sendSize) {
      const count = Math.min(options.sendSize, options.messages - sent);
      const messages = Array.from({ length: count }, (_, i) => ({ key: options.keys[(sent + i) % options.keys.length]!, value: options.template.value, headers: options.template.headers }));
      await producer.send({ topic: options.topic, acks: -1, messages });
    }
    const produceSeconds = (performance.now() - started) / 1000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, options.timeoutMs)))]);
    clearTimeout(timer);
    return { messages: consumed, seconds: (performance.now() - started) / 1000, produceSeconds, batches };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
}

/** The first message of `type` on the relay's topic, read as any consumer reads it: the size the bare loop sends. */
export async function firstRelayMessageOf(options: { brokers: string[]; topic: string; groupId: string; type: string; timeoutMs: number }): Promise<BareMessage> {
  const kafka = new Kafka({ clientId: `${options.groupId}-client`, brokers: options.brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  let found: (message: BareMessage) => void = () => undefined;
  const message = new Promise<BareMessage>((resolve) => (found = resolve));
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message: m }) => {
        const headers = Object.fromEntries(Object.entries(m.headers ?? {}).map(([name, value]) => [name, String(value)]));
        if (headers.type === options.type) found({ key: m.key?.toString() ?? '', value: m.value?.toString() ?? '', headers });
      },
    });
    return await Promise.race([
      message,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${options.type} message on ${options.topic} within ${options.timeoutMs} ms`)), options.timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
}

/** The bytes a message puts on the wire as payload: key, value, header names and values. */
export const messageBytes = (m: BareMessage) =>
  Buffer.byteLength(m.key) + Buffer.byteLength(m.value) + Object.entries(m.headers).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value), 0);

/** Deletes this run's topics and consumer groups (those under its namespace) from a broker it may share. */
export async function deleteKafkaNamespace(brokers: string[], namespace: string): Promise<void> {
  const admin = new Kafka({ clientId: 'vigil-bench-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.startsWith(namespace));
    if (groups.length > 0) await admin.deleteGroups(groups);
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(namespace));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

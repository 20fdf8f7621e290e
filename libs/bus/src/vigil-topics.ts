import type { TopicSpec } from './message-bus.port';

const DAY_MS = 24 * 60 * 60 * 1000;
// Every topic has the same partition count and every producer the same partitioner, so one session's
// readings, commands and alarms land in partitions of the same number: the alerting instance that
// holds a session's readings also holds its commands (docs/bus.md, "Partitions").
const PARTITIONS = 12;
// The event store is the record; the bus only has to outlast a consumer's outage (docs/bus.md, "Retention").
const RETENTION_MS = 7 * DAY_MS;

/** Vigil's topics, defined once (docs/bus.md). Keys: session id; a reading of an unbound device: its device id. */
export const VIGIL_TOPICS = {
  readings: { name: 'vigil.readings', partitions: PARTITIONS, retentionMs: RETENTION_MS },
  sessionEvents: { name: 'vigil.session-events', partitions: PARTITIONS, retentionMs: RETENTION_MS },
  alarms: { name: 'vigil.alarms', partitions: PARTITIONS, retentionMs: RETENTION_MS },
  // Every stored event, the processors' feed in distributed mode (docs/distributed.md "The relay"):
  // keyed by session, so its partitions divide the sessions between alerting instances.
  events: { name: 'vigil.events', partitions: PARTITIONS, retentionMs: RETENTION_MS },
} as const satisfies Record<string, TopicSpec>;

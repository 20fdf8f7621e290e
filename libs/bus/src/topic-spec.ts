import { InvalidTopicSpecError } from './errors';
import type { TopicSpec } from './message-bus.port';

// Kafka's own rule for topic names (legal characters, at most 249 of them), applied to every adapter
// so that a name the in-process bus accepts also works on Kafka.
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function validateTopicSpec(spec: TopicSpec): TopicSpec {
  if (!TOPIC_NAME.test(spec.name) || spec.name === '.' || spec.name === '..') {
    throw new InvalidTopicSpecError(spec.name, 'name', 'must be 1 to 249 of A-Z a-z 0-9 . _ - (and not "." or "..")');
  }
  if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
    throw new InvalidTopicSpecError(spec.name, 'partitions', `must be a whole number of at least 1, got ${spec.partitions}`);
  }
  if (!Number.isInteger(spec.retentionMs) || spec.retentionMs < 1) {
    throw new InvalidTopicSpecError(spec.name, 'retentionMs', `must be a whole number of milliseconds of at least 1, got ${spec.retentionMs}`);
  }
  return spec;
}

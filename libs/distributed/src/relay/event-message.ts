import type { OutgoingMessage } from '@vigil/bus';
import { parseStreamName } from '@vigil/domain';
import type { RecordedEvent } from '@vigil/event-store';

/**
 * The key a stored event travels under on the bus (docs/distributed.md "Keys"): the session id for
 * a session's streams and for a device's binding claims (they name their session), the device id
 * for a device's own stream (readings of a device bound to no session). One key, one partition, so
 * everything a session's processor needs arrives in the order the store recorded it.
 */
export function busKeyOf(event: RecordedEvent): string {
  const parsed = parseStreamName(event.stream);
  if (!parsed) return event.stream;
  if (parsed.category === 'deviceBinding' && typeof event.data['sessionId'] === 'string') return event.data['sessionId'];
  return parsed.id;
}

/** A stored event as a bus message: the whole recorded event (position included) as JSON. */
export function eventMessage(event: RecordedEvent): OutgoingMessage {
  return { key: busKeyOf(event), value: JSON.stringify(event), headers: { type: event.type, stream: event.stream } };
}

/** The recorded event a message carries; a value that is not one is refused, naming the message. */
export function eventOfMessage(message: { value: string; topic: string; partition: number; offset: string }): RecordedEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value);
  } catch (error) {
    throw new Error(`${message.topic}[${message.partition}]@${message.offset}: not JSON (${(error as Error).message})`);
  }
  const event = parsed as Partial<RecordedEvent> | null;
  for (const field of ['id', 'stream', 'position', 'type'] as const) {
    if (typeof event?.[field] !== 'string') throw new Error(`${message.topic}[${message.partition}]@${message.offset}: not a recorded event (field "${field}" missing)`);
  }
  return event as RecordedEvent;
}

import { sessionStreamName } from '@vigil/domain';
import { verifyStream, type EventStore, type RecordedEvent, type StreamVerification } from '@vigil/event-store';

/**
 * Every stored event of one session, in order: the one place a report reads the store. Readings,
 * staff commands and alarms share the stream `session-<id>` today; when they move to streams of
 * their own, this function reads and merges them, and nothing else changes.
 */
export async function readSessionEvents(store: EventStore, sessionId: string): Promise<RecordedEvent[] | undefined> {
  const stream = sessionStreamName(sessionId);
  if ((await store.streamRevision(stream)) === undefined) return undefined;
  return store.readStream(stream);
}

/** The hash-chain check of the events just read (read once: the report shows what was verified). */
export function verifySessionEvents(sessionId: string, events: readonly RecordedEvent[]): Promise<StreamVerification> {
  return verifyStream(sessionStreamName(sessionId), events);
}

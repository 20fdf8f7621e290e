import { sessionStreamName, sessionStreamNames } from '@vigil/domain';
import { readStreamsMerged, recordVerificationOf, verifyEventsByStream, type EventStore, type RecordedEvent, type RecordVerification } from '@vigil/event-store';

/**
 * Every stored event of one session, from its streams (staff commands, readings, alarms:
 * docs/streams.md) merged in log order: the one place a report reads the store.
 */
export async function readSessionEvents(store: EventStore, sessionId: string): Promise<RecordedEvent[] | undefined> {
  if ((await store.streamRevision(sessionStreamName(sessionId))) === undefined) return undefined;
  return readStreamsMerged(store, sessionStreamNames(sessionId));
}

/** The hash-chain check of the events just read (read once: the report shows what was verified). */
export async function verifySessionEvents(sessionId: string, events: readonly RecordedEvent[]): Promise<RecordVerification> {
  return recordVerificationOf(await verifyEventsByStream(sessionStreamNames(sessionId), events));
}

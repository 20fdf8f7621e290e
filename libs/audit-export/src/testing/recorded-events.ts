import { InMemoryEventStore, readStreamsMerged, type NewEvent, type RecordedEvent } from '@vigil/event-store';
import { sessionStreamNames } from '@vigil/domain';
import { recordedSessionEvents, storeRecordedSession, type RecordedSessionOptions } from '../../../report/src/testing/recorded-session';

/** The report's recorded two-hour session (libs/report testing), stored and read back merged, as the exports read it. */
export async function recordedEvents(options: RecordedSessionOptions & { extra?: NewEvent[] } = {}): Promise<{ store: InMemoryEventStore; events: RecordedEvent[] }> {
  const store = new InMemoryEventStore();
  await storeRecordedSession(store, [...recordedSessionEvents(options), ...(options.extra ?? [])]);
  return { store, events: await readStreamsMerged(store, sessionStreamNames(options.sessionId ?? 'report-2h')) };
}

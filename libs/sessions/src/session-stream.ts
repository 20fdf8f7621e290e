import {
  SESSION_COMMAND_EVENT_TYPES,
  evolveSession,
  initialSessionState,
  sessionStreamName,
  type SessionCommandEvent,
  type SessionState,
} from '@vigil/domain';
import type { EventStore, ExpectedRevision, RecordedEvent } from '@vigil/event-store';

const COMMAND_EVENT_TYPES = new Set<string>(SESSION_COMMAND_EVENT_TYPES);

export type LoadedSession = { state: SessionState; expectedRevision: ExpectedRevision; events: RecordedEvent[] };

/** Folds a session's stream into its aggregate state; readings and alarms do not change it. */
export async function loadSession(store: EventStore, sessionId: string): Promise<LoadedSession> {
  const events = await store.readStream(sessionStreamName(sessionId));
  const state = events
    .filter((event) => COMMAND_EVENT_TYPES.has(event.type))
    .reduce((current, event) => evolveSession(current, event as unknown as SessionCommandEvent), initialSessionState());
  const last = events[events.length - 1];
  return { state, expectedRevision: last ? last.revision : 'no-stream', events };
}

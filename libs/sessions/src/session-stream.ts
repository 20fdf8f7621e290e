import {
  SESSION_COMMAND_EVENT_TYPES,
  evolveSession,
  initialSessionState,
  sessionStreamName,
  type SessionCommandEvent,
  type SessionState,
} from '@vigil/domain';
import type { EventStore, ExpectedRevision } from '@vigil/event-store';

export type LoadedSession = { state: SessionState; expectedRevision: ExpectedRevision };

/**
 * Folds a session's command events into its aggregate state; readings and alarms do not change it,
 * so they are not read (a two-hour session holds thousands). The revision is read first: a command
 * stored after it is then caught by the append's expected-revision check, never silently missed.
 */
export async function loadSession(store: EventStore, sessionId: string): Promise<LoadedSession> {
  const stream = sessionStreamName(sessionId);
  const revision = await store.streamRevision(stream);
  if (revision === undefined) return { state: initialSessionState(), expectedRevision: 'no-stream' };
  const events = (await store.readStream(stream, { types: SESSION_COMMAND_EVENT_TYPES })).filter((event) => event.revision <= revision);
  const state = events.reduce((current, event) => evolveSession(current, event as unknown as SessionCommandEvent), initialSessionState());
  return { state, expectedRevision: revision };
}

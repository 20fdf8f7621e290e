import {
  SESSION_COMMAND_EVENT_TYPES,
  evolveSession,
  initialSessionState,
  readSessionCommandEvent,
  sessionStreamName,
  type SessionState,
} from '@vigil/domain';
import type { EventStore, ExpectedRevision, RecordedEvent } from '@vigil/event-store';

/** `commands` are the session's command events, which carry any idempotency keys. */
export type LoadedSession = { state: SessionState; expectedRevision: ExpectedRevision; commands: RecordedEvent[] };

/**
 * Folds a session's command events into its aggregate state; readings and alarms do not change it,
 * so they are not read (a two-hour session holds thousands). The revision is read first: a command
 * stored after it is then caught by the append's expected-revision check, never silently missed.
 */
export async function loadSession(store: EventStore, sessionId: string): Promise<LoadedSession> {
  const stream = sessionStreamName(sessionId);
  const revision = await store.streamRevision(stream);
  if (revision === undefined) return { state: initialSessionState(), expectedRevision: 'no-stream', commands: [] };
  const commands = (await store.readStream(stream, { types: SESSION_COMMAND_EVENT_TYPES })).filter((event) => event.revision <= revision);
  const state = commands.reduce((current, event) => evolveSession(current, readSessionCommandEvent(event)), initialSessionState());
  return { state, expectedRevision: revision, commands };
}

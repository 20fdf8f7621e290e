import { READING_EVENT_TYPES } from '../reading-events';
import { SESSION_COMMAND_EVENT_TYPES } from '../session-events';
import { streamName } from './stream-names';
import type { StreamCategory } from './stream-categories';

/** The alarm lifecycle and its acknowledgements: what alerting writes. */
export const ALARM_EVENT_TYPES = ['AlertRaised', 'AlertEscalated', 'AlertCleared', 'AlertAcknowledged'] as const;

const CATEGORY_OF_TYPE: ReadonlyMap<string, StreamCategory> = new Map<string, StreamCategory>([
  ...SESSION_COMMAND_EVENT_TYPES.map((type) => [type, 'session'] as const),
  ...READING_EVENT_TYPES.map((type) => [type, 'vitals'] as const),
  ...ALARM_EVENT_TYPES.map((type) => [type, 'alarms'] as const),
]);

/**
 * Which of a session's streams holds an event of this type (docs/streams.md): the catalogue in
 * code, for what copies or builds a session's record (a store migration, test fixtures). The
 * writers name their own stream; this answers for a record that already exists. Undefined for a
 * type no session stream holds.
 */
export function sessionStreamOfType(sessionId: string, type: string): string | undefined {
  const category = CATEGORY_OF_TYPE.get(type);
  return category === undefined ? undefined : streamName(category, sessionId);
}

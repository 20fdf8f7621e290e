import { requireId, isValidId } from './ids';
import { STREAM_CATEGORIES, type StreamCategory } from './stream-categories';

/** The one way to name a stream: the id is checked, so no id can name another kind's stream. */
export function streamName(category: StreamCategory, id: string): string {
  const { prefix, idKind } = STREAM_CATEGORIES[category];
  return `${prefix}${requireId(idKind, id)}`;
}

export type ParsedStreamName = { category: StreamCategory; id: string };

/** The (category, id) a stream name stands for; undefined for a name no valid id produces. */
export function parseStreamName(name: string): ParsedStreamName | undefined {
  let found: ParsedStreamName | undefined;
  for (const category of Object.keys(STREAM_CATEGORIES) as StreamCategory[]) {
    const { prefix, idKind } = STREAM_CATEGORIES[category];
    if (!name.startsWith(prefix)) continue;
    const id = name.slice(prefix.length);
    if (!isValidId(idKind, id)) continue;
    // Injectivity means at most one category can claim a name; two would be a bug in the table.
    if (found) throw new Error(`stream name ${name} is claimed by both ${found.category} and ${category}`);
    found = { category, id };
  }
  return found;
}

export const sessionStreamName = (sessionId: string): string => streamName('session', sessionId);
export const vitalsStreamName = (sessionId: string): string => streamName('vitals', sessionId);
export const alarmsStreamName = (sessionId: string): string => streamName('alarms', sessionId);
export const deviceStreamName = (deviceId: string): string => streamName('device', deviceId);
export const deviceBindingStreamName = (deviceId: string): string => streamName('deviceBinding', deviceId);

/** The categories that together hold one session's record (docs/streams.md). */
export const SESSION_STREAM_CATEGORIES = ['session', 'vitals', 'alarms'] as const satisfies readonly StreamCategory[];
const SESSION_CATEGORY_SET: ReadonlySet<StreamCategory> = new Set(SESSION_STREAM_CATEGORIES);

/** Every stream of one session's record: read them merged in log order to see the whole session. */
export function sessionStreamNames(sessionId: string): string[] {
  return SESSION_STREAM_CATEGORIES.map((category) => streamName(category, sessionId));
}

/** The session id of any of a session's streams (`session-`, `vitals-`, `alarms-`), or undefined for any other stream. */
export function sessionIdOfStream(name: string): string | undefined {
  const parsed = parseStreamName(name);
  return parsed && SESSION_CATEGORY_SET.has(parsed.category) ? parsed.id : undefined;
}

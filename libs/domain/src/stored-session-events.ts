import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { SESSION_EVENT_DATA, type SessionCommandEvent } from './session-events';

// Stored staff-command events are read back through their schema (session-events.ts): a record
// edited by hand, written by another program or by a future version fails here, naming the
// stream, revision and field, instead of flowing on as a wrongly typed value.

type SessionEventType = keyof typeof SESSION_EVENT_DATA;
const CHECKS = new Map<string, TypeCheck<(typeof SESSION_EVENT_DATA)[SessionEventType]>>(
  (Object.keys(SESSION_EVENT_DATA) as SessionEventType[]).map((type) => [type, TypeCompiler.Compile(SESSION_EVENT_DATA[type])]),
);

export class StoredEventSchemaError extends Error {
  constructor(
    readonly stream: string,
    readonly revision: number,
    readonly problems: string[],
  ) {
    super(`stored event ${stream}@${revision} does not match its schema: ${problems.join('; ')}`);
    this.name = 'StoredEventSchemaError';
  }
}

type StoredShape = { stream: string; revision: number; type: string; data: Record<string, unknown>; metadata?: Record<string, unknown> };

/**
 * The one place an event written by an earlier version of Vigil is brought to today's shape,
 * before it is checked. Doses recorded before issue 14 name no drug: they were racemic ketamine.
 */
function upcast(type: string, data: Record<string, unknown>): Record<string, unknown> {
  if (type === 'DoseAdministered' && data.drug === undefined) return { ...data, drug: 'ketamine' };
  return data;
}

export function isSessionCommandEventType(type: string): type is SessionEventType {
  return CHECKS.has(type);
}

/** A stored staff-command event as its type, or StoredEventSchemaError naming what does not fit. */
export function readSessionCommandEvent(event: StoredShape): SessionCommandEvent {
  const check = CHECKS.get(event.type);
  if (!check) throw new StoredEventSchemaError(event.stream, event.revision, [`type ${event.type} is not a staff command event`]);
  const data: unknown = upcast(event.type, event.data);
  if (!check.Check(data)) {
    throw new StoredEventSchemaError(
      event.stream,
      event.revision,
      [...check.Errors(data)].slice(0, 5).map((error) => `${error.path.slice(1).replace(/\//g, '.') || '(data)'}: ${error.message}`),
    );
  }
  return sessionEvent(event.type as SessionEventType, data);
}

// The check above proved `data` fits the schema of `type`; this pairs them for the compiler.
function sessionEvent<K extends SessionEventType>(type: K, data: (typeof SESSION_EVENT_DATA)[K]['static']): SessionCommandEvent {
  return { type, data } as SessionCommandEvent;
}

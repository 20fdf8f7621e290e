import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { ALARM_EVENT_DATA, type AlarmEvent } from './alarm-events';
import { DEVICE_BINDING_EVENT_DATA, type DeviceBindingEvent } from './device-binding-events';
import { READING_EVENT_DATA, type ReadingEvent } from './reading-events';
import { schemaIssues } from './schema/schema-issues';
import { SESSION_EVENT_DATA, type SessionCommandEvent } from './session-events';

// Every stored event a reader interprets is read back through its type's schema (docs/schemas.md):
// a record edited by hand, written by another program or by a future version fails here, naming
// the stream, revision and field, instead of flowing on as a wrongly typed value.

const STORED_EVENT_DATA: Record<string, TSchema> = { ...SESSION_EVENT_DATA, ...READING_EVENT_DATA, ...ALARM_EVENT_DATA, ...DEVICE_BINDING_EVENT_DATA };
const CHECKS = new Map<string, TypeCheck<TSchema>>(Object.entries(STORED_EVENT_DATA).map(([type, schema]) => [type, TypeCompiler.Compile(schema)]));

/** A session's staff commands, its readings and its alarms: every event type a session's record holds. */
export type StoredSessionEvent = SessionCommandEvent | ReadingEvent | AlarmEvent;

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

type StoredShape = { stream: string; revision: number; type: string; data: Record<string, unknown> };

/**
 * The one place an event written by an earlier version of Vigil is brought to today's shape,
 * before it is checked. Doses recorded before issue 14 name no drug: they were racemic ketamine.
 */
function upcast(type: string, data: Record<string, unknown>): Record<string, unknown> {
  if (type === 'DoseAdministered' && data.drug === undefined) return { ...data, drug: 'ketamine' };
  return data;
}

export function isStoredSessionEventType(type: string): type is StoredSessionEvent['type'] {
  return CHECKS.has(type) && !Object.hasOwn(DEVICE_BINDING_EVENT_DATA, type);
}

/** A stored event of a session's record as its type, or StoredEventSchemaError naming what does not fit. */
export function readStoredEvent(event: StoredShape): StoredSessionEvent {
  if (!isStoredSessionEventType(event.type)) throw new StoredEventSchemaError(event.stream, event.revision, [`type ${event.type} is not an event of a session's record`]);
  return checked(event) as StoredSessionEvent;
}

/** A device's binding claim (stream `device-binding-<id>`) as its type. */
export function readDeviceBindingEvent(event: StoredShape): DeviceBindingEvent {
  if (!Object.hasOwn(DEVICE_BINDING_EVENT_DATA, event.type)) throw new StoredEventSchemaError(event.stream, event.revision, [`type ${event.type} is not a binding claim`]);
  return checked(event) as DeviceBindingEvent;
}

function checked(event: StoredShape): { type: string; data: unknown } {
  const check = CHECKS.get(event.type)!;
  const data = upcast(event.type, event.data);
  if (!check.Check(data)) {
    const problems = schemaIssues(STORED_EVENT_DATA[event.type]!, data).slice(0, 5);
    throw new StoredEventSchemaError(event.stream, event.revision, problems.map((issue) => `${issue.path === '(root)' ? '(data)' : issue.path}: ${issue.reason}`));
  }
  // The check above proved `data` fits the schema of `type`: the callers narrow the pair to its union.
  return { type: event.type, data };
}

export function isSessionCommandEventType(type: string): type is SessionCommandEvent['type'] {
  return Object.hasOwn(SESSION_EVENT_DATA, type);
}

/** A stored staff-command event as its type, or StoredEventSchemaError naming what does not fit. */
export function readSessionCommandEvent(event: StoredShape): SessionCommandEvent {
  if (!isSessionCommandEventType(event.type)) throw new StoredEventSchemaError(event.stream, event.revision, [`type ${event.type} is not a staff command event`]);
  return readStoredEvent(event) as SessionCommandEvent;
}

export function readReadingEvent(event: StoredShape): ReadingEvent {
  if (!Object.hasOwn(READING_EVENT_DATA, event.type)) throw new StoredEventSchemaError(event.stream, event.revision, [`type ${event.type} is not a reading`]);
  return readStoredEvent(event) as ReadingEvent;
}

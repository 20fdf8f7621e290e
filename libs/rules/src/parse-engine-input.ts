import { describeValue, idProblem, schemaIssues } from '@vigil/domain';
import { InvalidEngineInputError } from './engine-errors';
import { compiledEngineInput, ENGINE_INPUT_SCHEMA } from './engine-input.schema';
import type { EngineInput } from './engine-io';
import { parseInstant } from './instant';

/**
 * Checks one engine input, from a replay file, the store or the live engine, against its schema
 * (engine-input.schema.ts) and what the schema cannot state: a real instant, an id by Vigil's id
 * rules, a Tick that names no session, an acknowledgement that names its alarm. Throws
 * InvalidEngineInputError naming the first field at fault; returns the input, now typed.
 */
export function parseEngineInput(value: unknown): EngineInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidEngineInputError('(line)', 'must be a JSON object');
  const envelope = value as Record<string, unknown>;
  if (envelope['type'] === 'Tick' && envelope['sessionId'] !== undefined) {
    throw new InvalidEngineInputError('sessionId', 'is not allowed on a Tick (a Tick advances every session)');
  }
  // A line may leave `data` out when the type needs none.
  const input = envelope['type'] !== 'Tick' && envelope['data'] === undefined ? { ...envelope, data: {} } : envelope;
  if (!compiledEngineInput.Check(input)) {
    const [first] = schemaIssues(ENGINE_INPUT_SCHEMA, input);
    throw new InvalidEngineInputError(first?.path ?? '(line)', first?.reason ?? 'is not an engine input');
  }
  if (parseInstant(input.at) === undefined) throw new InvalidEngineInputError('at', `is not an ISO 8601 time (got ${describeValue(input.at)})`);
  if (input.type === 'Tick') return { type: 'Tick', at: input.at };
  const sessionIdProblem = idProblem('sessionId', input.sessionId);
  if (sessionIdProblem !== undefined) throw new InvalidEngineInputError('sessionId', `${sessionIdProblem.replace(/^sessionId /, '')}, got ${describeValue(input.sessionId)}`);
  if (input.type === 'AlertAcknowledged' && input.data['alertId'] === undefined && input.data['ruleId'] === undefined) {
    throw new InvalidEngineInputError('data', 'must name the alarm with "alertId" or "ruleId"');
  }
  return { type: input.type, sessionId: input.sessionId, at: input.at, data: input.data };
}

import { idProblem } from '@vigil/domain';
import { DOSE_ROUTES, isDoseRoute } from '@vigil/domain';
import { InvalidEngineInputError } from './engine-errors';
import { SESSION_INPUT_TYPES, type EngineInput, type SessionInputType } from './engine-io';
import { describeValue } from './json-fields';
import { parseInstant } from './instant';

const INPUT_TYPES: readonly string[] = [...SESSION_INPUT_TYPES, 'Tick'];
const READING_FIELDS: Readonly<Record<string, readonly string[]>> = {
  OximetryObserved: ['spo2', 'pulseRate'],
  BloodPressureObserved: ['systolic', 'diastolic'],
};

/**
 * Validates one wire envelope `{type, sessionId, at, data}` at the edge (the CLI, a replay file):
 * strict about what the engine needs, tolerant of extra envelope fields (an exported event's id or
 * metadata). Readings may carry null values (a reading invalid for its rules), but not strings:
 * those mean a broken file, not a missing measurement.
 */
export function parseEngineInput(value: unknown): EngineInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidEngineInputError('(line)', 'must be a JSON object');
  const envelope = value as Record<string, unknown>;
  const type = envelope['type'];
  if (typeof type !== 'string' || !INPUT_TYPES.includes(type)) {
    throw new InvalidEngineInputError('type', `must be one of ${INPUT_TYPES.join(', ')}, got ${describeValue(type)}`);
  }
  const at = envelope['at'];
  if (parseInstant(at) === undefined) throw new InvalidEngineInputError('at', `is not an ISO 8601 time (got ${describeValue(at)})`);
  const rawData = envelope['data'] ?? {};
  if (typeof rawData !== 'object' || rawData === null || Array.isArray(rawData)) throw new InvalidEngineInputError('data', `must be an object, got ${describeValue(rawData)}`);
  const data = rawData as Record<string, unknown>;

  if (type === 'Tick') {
    if (envelope['sessionId'] !== undefined) throw new InvalidEngineInputError('sessionId', 'is not allowed on a Tick (a Tick advances every session)');
    return { type, at: at as string };
  }
  const sessionId = envelope['sessionId'];
  const sessionIdProblem = idProblem('sessionId', sessionId);
  if (sessionIdProblem !== undefined) throw new InvalidEngineInputError('sessionId', `${sessionIdProblem.replace(/^sessionId /, '')}, got ${describeValue(sessionId)}`);

  for (const field of READING_FIELDS[type] ?? []) {
    const reading = data[field];
    if (reading !== undefined && reading !== null && (typeof reading !== 'number' || !Number.isFinite(reading))) {
      throw new InvalidEngineInputError(`data.${field}`, `must be a number or null, got ${describeValue(reading)}`);
    }
  }
  if (data['sensorOff'] !== undefined && typeof data['sensorOff'] !== 'boolean') {
    throw new InvalidEngineInputError('data.sensorOff', `must be true or false, got ${describeValue(data['sensorOff'])}`);
  }
  if (type === 'DoseAdministered') {
    if (!isDoseRoute(data['route'])) throw new InvalidEngineInputError('data.route', `must be one of ${DOSE_ROUTES.join(', ')}, got ${describeValue(data['route'])}`);
    const doseMg = data['doseMg'];
    if (typeof doseMg !== 'number' || !Number.isFinite(doseMg) || doseMg <= 0) {
      throw new InvalidEngineInputError('data.doseMg', `must be a positive number of milligrams, got ${describeValue(doseMg)}`);
    }
  }
  if (type === 'AlertAcknowledged') {
    const { alertId, ruleId } = data;
    if (alertId === undefined && ruleId === undefined) throw new InvalidEngineInputError('data', 'must name the alarm with "alertId" or "ruleId"');
    if (alertId !== undefined && (typeof alertId !== 'string' || alertId === '')) throw new InvalidEngineInputError('data.alertId', `must be a non-empty string, got ${describeValue(alertId)}`);
    if (ruleId !== undefined && (typeof ruleId !== 'string' || ruleId === '')) throw new InvalidEngineInputError('data.ruleId', `must be a non-empty string, got ${describeValue(ruleId)}`);
  }
  return { type: type as SessionInputType, sessionId: sessionId as string, at: at as string, data };
}

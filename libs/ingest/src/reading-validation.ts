import { checkClinicalTime, idProblem } from '@vigil/domain';
import { BleDecodeError, decodeCharacteristic, toVitalObservation, UnknownCharacteristicError } from '@vigil/ble';
import type { FieldError, IngestedReading } from './ingested-reading';
import { fieldsOfReading, READING_KINDS, type ReadingKind } from '@vigil/domain';
import { MAX_GATT_HEX_LENGTH, PHYSIOLOGICAL_RANGES } from './ingest-limits';

type Range = keyof typeof PHYSIOLOGICAL_RANGES;
const KIND_LIST = READING_KINDS.map((kind, i) => `${i === READING_KINDS.length - 1 ? 'or ' : ''}"${kind}"`).join(', ').replace(', or', ' or');
export type ReadingValidation = { ok: true; reading: IngestedReading } | { ok: false; errors: FieldError[] };

const fieldSet = (kind: ReadingKind): ReadonlySet<string> => new Set(fieldsOfReading(kind));
const KNOWN_FIELDS: Record<ReadingKind, ReadonlySet<string>> = { oximetry: fieldSet('oximetry'), bloodPressure: fieldSet('bloodPressure'), gatt: fieldSet('gatt') };

/**
 * Validates one reading of a gateway batch against its schema (gateway-reading.schema.ts: the
 * fields of each kind, the ranges) and the rules a schema cannot state: the clinical time window,
 * id rules, systolic above diastolic, a null only with the sensor off, GATT decoding. Written out
 * rather than a generic schema validator's output: every reading is judged on its own at tens of
 * thousands a second, and each error names the field and the clinical reason (docs/schemas.md "Gateway reading").
 */
export function validateReading(raw: unknown, now: Date): ReadingValidation {
  const errors: FieldError[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '', message: 'a reading must be an object' }] };
  }
  const r = raw as Record<string, unknown>;
  const kind = r.kind;
  if (kind !== 'oximetry' && kind !== 'bloodPressure' && kind !== 'gatt') {
    return { ok: false, errors: [{ field: 'kind', message: `kind must be ${KIND_LIST}, got ${describe(kind)}` }] };
  }
  for (const key of Object.keys(r)) {
    if (!KNOWN_FIELDS[kind].has(key)) errors.push({ field: key, message: `property ${key} is not part of a ${kind} reading` });
  }
  const deviceId = r.deviceId;
  const deviceIdProblem = idProblem('deviceId', deviceId);
  if (deviceIdProblem !== undefined) errors.push({ field: 'deviceId', message: deviceIdProblem });
  const seq = r.seq;
  if (seq !== undefined && !(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0)) {
    errors.push({ field: 'seq', message: `seq must be a non-negative integer, got ${describe(seq)}` });
  }
  const common = { deviceId: deviceId as string, ...(seq !== undefined ? { seq: seq as number } : {}) };

  switch (kind) {
    case 'oximetry': {
      const measuredAt = checkTime(r.measuredAt, 'measuredAt', now, errors);
      const sensorOff = r.sensorOff === undefined ? false : r.sensorOff;
      if (typeof sensorOff !== 'boolean') errors.push({ field: 'sensorOff', message: `sensorOff must be true or false, got ${describe(sensorOff)}` });
      // With the sensor off the oximeter has nothing to report: null values are expected then.
      const spo2 = checkRange(r.spo2, 'spo2', 'spo2', errors, sensorOff === true);
      const pulseRate = checkRange(r.pulseRate, 'pulseRate', 'pulseRate', errors, sensorOff === true);
      const perfusionIndex = r.perfusionIndex === undefined ? undefined : checkRange(r.perfusionIndex, 'perfusionIndex', 'perfusionIndex', errors, false);
      if (errors.length > 0) return { ok: false, errors };
      return {
        ok: true,
        reading: {
          kind, ...common, measuredAt: measuredAt!, spo2, pulseRate, sensorOff: sensorOff as boolean, source: 'decoded',
          ...(perfusionIndex !== undefined && perfusionIndex !== null ? { perfusionIndex } : {}),
        },
      };
    }
    case 'bloodPressure': {
      const measuredAt = checkTime(r.measuredAt, 'measuredAt', now, errors);
      const pressures = checkPressures(r, '', errors);
      const pulseRate = r.pulseRate === undefined ? undefined : checkRange(r.pulseRate, 'pulseRate', 'pulseRate', errors, false);
      if (errors.length > 0 || !pressures) return { ok: false, errors };
      return {
        ok: true,
        reading: { kind, ...common, measuredAt: measuredAt!, ...pressures, source: 'decoded', ...(pulseRate != null ? { pulseRate } : {}) },
      };
    }
    case 'gatt':
      return validateGatt(r, common, now, errors);
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

function validateGatt(r: Record<string, unknown>, common: { deviceId: string; seq?: number }, now: Date, errors: FieldError[]): ReadingValidation {
  const receivedAt = checkTime(r.receivedAt, 'receivedAt', now, errors);
  const { characteristic, value } = r;
  if (typeof characteristic !== 'string') errors.push({ field: 'characteristic', message: 'characteristic must be a UUID such as "2A5F"' });
  if (typeof value !== 'string' || value.length > MAX_GATT_HEX_LENGTH) {
    errors.push({ field: 'value', message: `value must be the characteristic value as a hex string of at most ${MAX_GATT_HEX_LENGTH} digits` });
  }
  if (errors.length > 0) return { ok: false, errors };
  let observation;
  try {
    const decoded = decodeCharacteristic(characteristic as string, value as string);
    observation = toVitalObservation(decoded);
    if (!observation) {
      return { ok: false, errors: [{ field: 'characteristic', message: `${decoded.characteristic} (${decoded.name}) carries no reading to store` }] };
    }
  } catch (error) {
    if (error instanceof UnknownCharacteristicError) return { ok: false, errors: [{ field: 'characteristic', message: error.message }] };
    if (error instanceof BleDecodeError) return { ok: false, errors: [{ field: `value.${error.field}`, message: error.message }] };
    throw error;
  }
  // The value carries no usable time of its own (Date Time is naive local time, and continuous
  // measurements have none), so the gateway's receive time stands for the measurement time.
  const base = { ...common, measuredAt: receivedAt!, gatewayReceivedAt: receivedAt!, source: 'gatt' as const };
  if (observation.kind === 'oximetry') {
    const spo2 = checkRange(observation.spo2, 'value.spo2', 'spo2', errors, true);
    const pulseRate = checkRange(observation.pulseRate, 'value.pulseRate', 'pulseRate', errors, true);
    const perfusionIndex =
      observation.perfusionIndex === undefined ? undefined : checkRange(observation.perfusionIndex, 'value.perfusionIndex', 'perfusionIndex', errors, false);
    if (errors.length > 0) return { ok: false, errors };
    // With the sensor on, a missing number is the device saying "unavailable": kept with its reason.
    const unavailable = observation.sensorOff || Object.keys(observation.specialValues).length === 0
      ? undefined
      : { reason: 'measurementUnavailable' as const, values: { ...observation.specialValues } };
    return {
      ok: true,
      reading: {
        kind: 'oximetry', ...base, spo2, pulseRate, sensorOff: observation.sensorOff, ...(unavailable ? { unavailable } : {}), status: { ...observation.status },
        ...(perfusionIndex != null ? { perfusionIndex } : {}),
      },
    };
  }
  const pressures = checkPressures(observation as unknown as Record<string, unknown>, 'value.', errors);
  const pulseRate = observation.pulseRate == null ? undefined : checkRange(observation.pulseRate, 'value.pulseRate', 'pulseRate', errors, false);
  if (errors.length > 0 || !pressures) return { ok: false, errors };
  return {
    ok: true,
    reading: { kind: 'bloodPressure', ...base, ...pressures, status: { ...observation.status }, ...(pulseRate != null ? { pulseRate } : {}) },
  };
}

function checkPressures(r: Record<string, unknown>, prefix: string, errors: FieldError[]) {
  const before = errors.length;
  const systolic = checkRange(r.systolic, `${prefix}systolic`, 'systolic', errors, false);
  const diastolic = checkRange(r.diastolic, `${prefix}diastolic`, 'diastolic', errors, false);
  const mean = r.meanArterialPressure == null ? undefined : checkRange(r.meanArterialPressure, `${prefix}meanArterialPressure`, 'meanArterialPressure', errors, false);
  if (errors.length > before || systolic === null || diastolic === null) return undefined;
  if (systolic <= diastolic) {
    errors.push({ field: `${prefix}systolic`, message: `systolic (${systolic}) must be above diastolic (${diastolic})` });
    return undefined;
  }
  if (mean != null && (mean < diastolic || mean > systolic)) {
    errors.push({ field: `${prefix}meanArterialPressure`, message: `mean arterial pressure (${mean}) must lie between diastolic (${diastolic}) and systolic (${systolic})` });
    return undefined;
  }
  return { systolic, diastolic, ...(mean != null ? { meanArterialPressure: mean } : {}) };
}

function checkRange(value: unknown, field: string, range: Range, errors: FieldError[], nullable: boolean): number | null {
  const { min, max, unit } = PHYSIOLOGICAL_RANGES[range];
  if (value === null && nullable) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push({ field, message: `${field} must be a number${nullable ? ' (or null with the sensor off)' : ''}, got ${describe(value)}` });
    return null;
  }
  if (value < min || value > max) {
    errors.push({ field, message: `${field} ${value} ${unit} is outside the physiological range ${min}-${max} ${unit}` });
    return null;
  }
  return value;
}

function checkTime(value: unknown, field: string, now: Date, errors: FieldError[]): string | undefined {
  const checked = checkClinicalTime(value, now.getTime(), describe(value));
  if (checked.ok) return checked.iso;
  errors.push({ field, message: `${field} ${checked.reason}` });
  return undefined;
}

/** Says what a bad value was without serialising it whole: a body may nest 50,000 levels deep. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value);
  return text;
}

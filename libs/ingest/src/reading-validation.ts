import { BleDecodeError, decodeCharacteristic, toVitalObservation, UnknownCharacteristicError } from '@vigil/ble';
import type { FieldError, IngestedReading } from './ingested-reading';
import { MAX_FUTURE_SKEW_MS, MAX_GATT_HEX_LENGTH, MAX_READING_AGE_MS, PHYSIOLOGICAL_RANGES } from './ingest-limits';

type Range = keyof typeof PHYSIOLOGICAL_RANGES;
export type ReadingValidation = { ok: true; reading: IngestedReading } | { ok: false; errors: FieldError[] };

const DEVICE_ID = /^[A-Za-z0-9._:-]{1,64}$/;
// An explicit offset is required: a time without one would be read in the server's zone.
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
const KNOWN_FIELDS = {
  oximetry: ['kind', 'deviceId', 'measuredAt', 'spo2', 'pulseRate', 'perfusionIndex', 'sensorOff', 'seq'],
  bloodPressure: ['kind', 'deviceId', 'measuredAt', 'systolic', 'diastolic', 'meanArterialPressure', 'pulseRate', 'seq'],
  gatt: ['kind', 'deviceId', 'characteristic', 'value', 'receivedAt', 'seq'],
} as const;

/**
 * Validates one reading of a gateway batch against the wire format of issue #3. Hand-written
 * rather than class-validator: it runs for every reading (tens of thousands a second), and each
 * reading must be judged on its own so one bad value does not cost the others.
 */
export function validateReading(raw: unknown, now: Date): ReadingValidation {
  const errors: FieldError[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '', message: 'a reading must be an object' }] };
  }
  const r = raw as Record<string, unknown>;
  const kind = r.kind;
  if (kind !== 'oximetry' && kind !== 'bloodPressure' && kind !== 'gatt') {
    return { ok: false, errors: [{ field: 'kind', message: `kind must be "oximetry", "bloodPressure" or "gatt", got ${describe(kind)}` }] };
  }
  for (const key of Object.keys(r)) {
    if (!(KNOWN_FIELDS[kind] as readonly string[]).includes(key)) errors.push({ field: key, message: `property ${key} is not part of a ${kind} reading` });
  }
  const deviceId = r.deviceId;
  if (typeof deviceId !== 'string' || !DEVICE_ID.test(deviceId)) {
    errors.push({ field: 'deviceId', message: 'deviceId must be 1-64 letters, digits, . _ : or -' });
  }
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
    return {
      ok: true,
      reading: {
        kind: 'oximetry', ...base, spo2, pulseRate, sensorOff: observation.sensorOff, status: { ...observation.status },
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
  if (typeof value !== 'string' || !isCalendarTime(value)) {
    errors.push({ field, message: `${field} must be an ISO 8601 time with a zone, such as 2026-11-29T10:00:00.000Z, got ${describe(value)}` });
    return undefined;
  }
  const at = Date.parse(value);
  const ahead = at - now.getTime();
  if (ahead > MAX_FUTURE_SKEW_MS) {
    errors.push({ field, message: `${field} is ${Math.round(ahead / 1000)} s ahead of the server clock (at most ${MAX_FUTURE_SKEW_MS / 1000} s allowed)` });
    return undefined;
  }
  if (-ahead > MAX_READING_AGE_MS) {
    errors.push({ field, message: `${field} is older than 24 h (${Math.round(-ahead / 3_600_000)} h before the server clock)` });
    return undefined;
  }
  // Normalised so that the same instant is always stored, hashed and deduplicated alike.
  return new Date(at).toISOString();
}

/** The format, and a date that exists: Date.parse would roll 2026-02-30 over to March 2. */
function isCalendarTime(value: string): boolean {
  const match = ISO_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hours, minutes, seconds] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = match[9] === undefined || (Number(match[9]) <= 14 && Number(match[10]) < 60);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hours < 24 && minutes < 60 && seconds < 60 && offsetOk && !Number.isNaN(Date.parse(value));
}

/** Says what a bad value was without serialising it whole: a body may nest 50,000 levels deep. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value);
  return text;
}

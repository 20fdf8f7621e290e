import { BLOOD_PRESSURE_FLAGS, type PressureUnit } from '../blood-pressure/blood-pressure-layout';
import type { DateTimeValue } from '../date-time';
import { ByteWriter } from './byte-writer';

export interface BloodPressureMeasurementInput {
  /** Unit of the three pressures, as they are given (no conversion); default mmHg. */
  readonly unit?: PressureUnit;
  /** `null` is sent as NaN ("value unavailable"). */
  readonly systolic: number | null;
  readonly diastolic: number | null;
  readonly meanArterialPressure: number | null;
  readonly timestamp?: DateTimeValue;
  /** Beats per minute; `null` is sent as NaN. */
  readonly pulseRate?: number | null;
  /** 0–254, or 255 for "unknown user" (docs/ble-gatt.md §3.1). */
  readonly userId?: number;
  /** Raw 16-bit Measurement Status (docs/ble-gatt.md §3.1); bits 3–4 are the pulse-rate-range value. */
  readonly measurementStatus?: number;
}

/** Blood Pressure Measurement, 0x2A35 (docs/ble-gatt.md §3.1). Each optional field given is sent and flagged. */
export function encodeBloodPressureMeasurement(m: BloodPressureMeasurementInput): Uint8Array {
  if (m.unit !== undefined && m.unit !== 'mmHg' && m.unit !== 'kPa') {
    throw new RangeError(`encodeBloodPressureMeasurement: unit ${JSON.stringify(m.unit)} is neither "mmHg" nor "kPa"`);
  }
  const flags =
    (m.unit === 'kPa' ? BLOOD_PRESSURE_FLAGS.unitKpa : 0) |
    (m.timestamp !== undefined ? BLOOD_PRESSURE_FLAGS.timestamp : 0) |
    (m.pulseRate !== undefined ? BLOOD_PRESSURE_FLAGS.pulseRate : 0) |
    (m.userId !== undefined ? BLOOD_PRESSURE_FLAGS.userId : 0) |
    (m.measurementStatus !== undefined ? BLOOD_PRESSURE_FLAGS.measurementStatus : 0);
  const writer = new ByteWriter('encodeBloodPressureMeasurement')
    .uint8(flags, 'flags')
    .sfloat(m.systolic, 'systolic')
    .sfloat(m.diastolic, 'diastolic')
    .sfloat(m.meanArterialPressure, 'meanArterialPressure');
  if (m.timestamp !== undefined) writer.dateTime(m.timestamp, 'timestamp');
  if (m.pulseRate !== undefined) writer.sfloat(m.pulseRate, 'pulseRate');
  if (m.userId !== undefined) writer.uint8(m.userId, 'userId');
  if (m.measurementStatus !== undefined) writer.uint16(m.measurementStatus, 'measurementStatus');
  return writer.toBytes();
}

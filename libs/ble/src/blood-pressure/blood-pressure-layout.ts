import type { DateTimeValue } from '../date-time';
import type { FieldReader, FieldSpec } from '../decode/field-reader';
import { type MeasurementFields, measurementFields } from '../decode/measurement-fields';
import type { MedicalFloat } from '../ieee11073/special-value';
import { type BloodPressureMeasurementStatus, describeBloodPressureMeasurementStatus } from './measurement-status';

/**
 * Flags shared by Blood Pressure Measurement (0x2A35) and Intermediate Cuff Pressure (0x2A36),
 * whose layouts are identical (docs/ble-gatt.md §3.1, §3.2). Bits 5–7 are RFU.
 */
export const BLOOD_PRESSURE_FLAGS = {
  unitKpa: 0x01,
  timestamp: 0x02,
  pulseRate: 0x04,
  userId: 0x08,
  measurementStatus: 0x10,
} as const;

/** Flags bit 0; the unit covers the three pressure slots only, never the pulse rate (docs/ble-gatt.md §3.1). */
export type PressureUnit = 'mmHg' | 'kPa';

/** User ID 255 means "unknown user" (docs/ble-gatt.md §3.1); the value is passed on as sent. */
export const UNKNOWN_USER_ID = 255;

const OPTIONAL_FIELDS = {
  timestamp: { key: 'timestamp', label: 'Time Stamp', flag: BLOOD_PRESSURE_FLAGS.timestamp },
  pulseRate: { key: 'pulseRate', label: 'Pulse Rate', flag: BLOOD_PRESSURE_FLAGS.pulseRate },
  userId: { key: 'userId', label: 'User ID', flag: BLOOD_PRESSURE_FLAGS.userId },
  measurementStatus: { key: 'measurementStatus', label: 'Measurement Status', flag: BLOOD_PRESSURE_FLAGS.measurementStatus },
} as const satisfies Record<string, FieldSpec>;

export type BloodPressureOptionalFields = {
  readonly timestamp?: DateTimeValue;
  readonly userId?: number;
  readonly measurementStatus?: BloodPressureMeasurementStatus;
} & Partial<MeasurementFields<'pulseRate'>>;

export interface BloodPressureLayout {
  readonly unit: PressureUnit;
  /** The three always-present SFLOAT slots, in wire order. */
  readonly pressures: readonly [MedicalFloat, MedicalFloat, MedicalFloat];
  readonly optional: BloodPressureOptionalFields;
}

/**
 * Reads the 0x2A35/0x2A36 layout: flags, three SFLOAT pressure slots (so at least 7 bytes,
 * docs/ble-gatt.md §3.1), then the optional fields in specification order.
 */
export function readBloodPressureLayout(
  reader: FieldReader,
  pressureSlots: readonly [FieldSpec, FieldSpec, FieldSpec],
): BloodPressureLayout {
  const flags = reader.readFlags();
  const pressures = [
    reader.sfloat(pressureSlots[0]),
    reader.sfloat(pressureSlots[1]),
    reader.sfloat(pressureSlots[2]),
  ] as const;
  const timestamp = flags & BLOOD_PRESSURE_FLAGS.timestamp ? { timestamp: reader.dateTime(OPTIONAL_FIELDS.timestamp) } : {};
  const pulseRate =
    flags & BLOOD_PRESSURE_FLAGS.pulseRate ? measurementFields('pulseRate', reader.sfloat(OPTIONAL_FIELDS.pulseRate)) : {};
  const userId = flags & BLOOD_PRESSURE_FLAGS.userId ? { userId: reader.uint8(OPTIONAL_FIELDS.userId) } : {};
  const measurementStatus =
    flags & BLOOD_PRESSURE_FLAGS.measurementStatus
      ? { measurementStatus: describeBloodPressureMeasurementStatus(reader.uint16(OPTIONAL_FIELDS.measurementStatus)) }
      : {};
  return {
    unit: flags & BLOOD_PRESSURE_FLAGS.unitKpa ? 'kPa' : 'mmHg',
    pressures,
    optional: { ...timestamp, ...pulseRate, ...userId, ...measurementStatus },
  };
}

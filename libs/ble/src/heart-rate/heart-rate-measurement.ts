import type { FieldReader, FieldSpec } from '../decode/field-reader';

/** Flags of Heart Rate Measurement (docs/ble-gatt.md §4). Bits 5–7 are RFU. */
export const HEART_RATE_FLAGS = {
  valueFormatUint16: 0x01,
  sensorContactBits: 0x06,
  energyExpended: 0x08,
  rrIntervals: 0x10,
} as const;

/**
 * Flags bits 1–2 as one value (docs/ble-gatt.md §4): 0 and 1 both mean the sensor has no contact detection.
 * Indexed by the 2-bit value.
 */
export const SENSOR_CONTACT_STATES = ['notSupported', 'notSupported', 'supportedNotDetected', 'supportedDetected'] as const;
export type SensorContact = (typeof SENSOR_CONTACT_STATES)[number];

const FIELDS = {
  heartRateUint8: { key: 'heartRate', label: 'Heart Rate Measurement Value (uint8)' },
  heartRateUint16: {
    key: 'heartRate',
    label: 'Heart Rate Measurement Value (uint16)',
    flag: HEART_RATE_FLAGS.valueFormatUint16,
  },
  energyExpended: { key: 'energyExpended', label: 'Energy Expended', flag: HEART_RATE_FLAGS.energyExpended },
  rrInterval: { key: 'rrIntervals', label: 'RR-Interval', flag: HEART_RATE_FLAGS.rrIntervals },
} as const satisfies Record<string, FieldSpec>;

const RR_INTERVAL_SIZE = 2;

export interface HeartRateMeasurement {
  /** Beats per minute. */
  readonly heartRate: number;
  readonly sensorContact: SensorContact;
  /** Kilojoules since the last reset. */
  readonly energyExpended?: number;
  /** Oldest first, in 1/1024 s as sent (not converted to ms, so nothing is rounded). */
  readonly rrIntervals?: readonly number[];
}

/**
 * Heart Rate Measurement, 0x2A37: `flags | HR (1 or 2 bytes) | [EE u16] | [RR u16 …]`.
 * The RR intervals run to the end of the value: with the RR flag set at least one is required
 * (Nordic `hrm-invalid-rr-missing`), and an odd last byte, half an interval, is ignored as Nordic's
 * callback does rather than guessed at.
 */
export function decodeHeartRateMeasurement(reader: FieldReader): HeartRateMeasurement {
  const flags = reader.readFlags();
  const heartRate =
    flags & HEART_RATE_FLAGS.valueFormatUint16 ? reader.uint16(FIELDS.heartRateUint16) : reader.uint8(FIELDS.heartRateUint8);
  const sensorContact = SENSOR_CONTACT_STATES[(flags & HEART_RATE_FLAGS.sensorContactBits) >> 1] ?? 'notSupported';
  const energyExpended =
    flags & HEART_RATE_FLAGS.energyExpended ? { energyExpended: reader.uint16(FIELDS.energyExpended) } : {};
  const rrIntervals = flags & HEART_RATE_FLAGS.rrIntervals ? { rrIntervals: readRrIntervals(reader) } : {};
  return { heartRate, sensorContact, ...energyExpended, ...rrIntervals };
}

function readRrIntervals(reader: FieldReader): number[] {
  const intervals = [reader.uint16(FIELDS.rrInterval)];
  while (reader.remaining >= RR_INTERVAL_SIZE) intervals.push(reader.uint16(FIELDS.rrInterval));
  return intervals;
}

import type { DateTimeValue } from '../date-time';
import type { FieldReader, FieldSpec } from '../decode/field-reader';
import { type MeasurementFields, measurementFields } from '../decode/measurement-fields';
import { type PlxStatusFields, readPlxStatusFields } from './plx-status-fields';

/** Flags of PLX Spot-check Measurement (docs/ble-gatt.md §2.1, PLXS Table 3.3). Bits 5–7 are RFU. */
export const PLX_SPOT_CHECK_FLAGS = {
  timestamp: 0x01,
  measurementStatus: 0x02,
  deviceAndSensorStatus: 0x04,
  pulseAmplitudeIndex: 0x08,
  deviceClockNotSet: 0x10,
} as const;

const FIELDS = {
  spo2: { key: 'spo2', label: 'SpO2' },
  pulseRate: { key: 'pulseRate', label: 'PR' },
  timestamp: { key: 'timestamp', label: 'Timestamp', flag: PLX_SPOT_CHECK_FLAGS.timestamp },
} as const satisfies Record<string, FieldSpec>;

export type PlxSpotCheckMeasurement = MeasurementFields<'spo2'> &
  MeasurementFields<'pulseRate'> & {
    readonly timestamp?: DateTimeValue;
    /** Flags bit 4: the timestamp (if any) comes from a clock nobody set, so it is not wall time. */
    readonly deviceClockNotSet: boolean;
  } & PlxStatusFields;

/** PLX Spot-check Measurement, 0x2A5E: 5 to 19 bytes, optional fields in PLXS Table 3.2 order. */
export function decodePlxSpotCheck(reader: FieldReader): PlxSpotCheckMeasurement {
  const flags = reader.readFlags();
  const spo2 = measurementFields('spo2', reader.sfloat(FIELDS.spo2));
  const pulseRate = measurementFields('pulseRate', reader.sfloat(FIELDS.pulseRate));
  const timestamp = flags & PLX_SPOT_CHECK_FLAGS.timestamp ? { timestamp: reader.dateTime(FIELDS.timestamp) } : {};
  return {
    ...spo2,
    ...pulseRate,
    ...timestamp,
    deviceClockNotSet: (flags & PLX_SPOT_CHECK_FLAGS.deviceClockNotSet) !== 0,
    ...readPlxStatusFields(reader, flags, PLX_SPOT_CHECK_FLAGS),
  };
}

import type { FieldReader, FieldSpec } from '../decode/field-reader';
import { type MeasurementFields, measurementFields } from '../decode/measurement-fields';
import { type PlxStatusFields, readPlxStatusFields } from './plx-status-fields';

/**
 * Flags of PLX Continuous Measurement (docs/ble-gatt.md §2.2, PLXS Table 3.7). Bits 5–7 are RFU. The bit
 * positions differ from Spot-check's, hence a table of their own.
 */
export const PLX_CONTINUOUS_FLAGS = {
  spo2prFast: 0x01,
  spo2prSlow: 0x02,
  measurementStatus: 0x04,
  deviceAndSensorStatus: 0x08,
  pulseAmplitudeIndex: 0x10,
} as const;

const FIELDS = {
  spo2: { key: 'spo2', label: 'SpO2PR-Normal SpO2' },
  pulseRate: { key: 'pulseRate', label: 'SpO2PR-Normal PR' },
  spo2Fast: { key: 'spo2Fast', label: 'SpO2PR-Fast SpO2', flag: PLX_CONTINUOUS_FLAGS.spo2prFast },
  pulseRateFast: { key: 'pulseRateFast', label: 'SpO2PR-Fast PR', flag: PLX_CONTINUOUS_FLAGS.spo2prFast },
  spo2Slow: { key: 'spo2Slow', label: 'SpO2PR-Slow SpO2', flag: PLX_CONTINUOUS_FLAGS.spo2prSlow },
  pulseRateSlow: { key: 'pulseRateSlow', label: 'SpO2PR-Slow PR', flag: PLX_CONTINUOUS_FLAGS.spo2prSlow },
} as const satisfies Record<string, FieldSpec>;

export type PlxContinuousMeasurement = MeasurementFields<'spo2'> &
  MeasurementFields<'pulseRate'> &
  Partial<MeasurementFields<'spo2Fast'> & MeasurementFields<'pulseRateFast'>> &
  Partial<MeasurementFields<'spo2Slow'> & MeasurementFields<'pulseRateSlow'>> &
  PlxStatusFields;

/** PLX Continuous Measurement, 0x2A5F: 5 to 20 bytes, no timestamp (docs/ble-gatt.md §2.2). */
export function decodePlxContinuous(reader: FieldReader): PlxContinuousMeasurement {
  const flags = reader.readFlags();
  const normal = {
    ...measurementFields('spo2', reader.sfloat(FIELDS.spo2)),
    ...measurementFields('pulseRate', reader.sfloat(FIELDS.pulseRate)),
  };
  const fast =
    flags & PLX_CONTINUOUS_FLAGS.spo2prFast
      ? {
          ...measurementFields('spo2Fast', reader.sfloat(FIELDS.spo2Fast)),
          ...measurementFields('pulseRateFast', reader.sfloat(FIELDS.pulseRateFast)),
        }
      : {};
  const slow =
    flags & PLX_CONTINUOUS_FLAGS.spo2prSlow
      ? {
          ...measurementFields('spo2Slow', reader.sfloat(FIELDS.spo2Slow)),
          ...measurementFields('pulseRateSlow', reader.sfloat(FIELDS.pulseRateSlow)),
        }
      : {};
  return { ...normal, ...fast, ...slow, ...readPlxStatusFields(reader, flags, PLX_CONTINUOUS_FLAGS) };
}

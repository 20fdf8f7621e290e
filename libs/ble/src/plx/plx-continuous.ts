import type { FieldReader, FieldSpec } from '../decode/field-reader';
import { type MeasurementFields, measurementFields } from '../decode/measurement-fields';
import { describePlxDeviceAndSensorStatus, type PlxDeviceAndSensorStatus } from './device-and-sensor-status';
import { describePlxMeasurementStatus, type PlxMeasurementStatus } from './measurement-status';

/**
 * Flags of PLX Continuous Measurement (notes §2.2, PLXS Table 3.7). Bits 5–7 are RFU. The bit
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
  measurementStatus: { key: 'measurementStatus', label: 'Measurement Status', flag: PLX_CONTINUOUS_FLAGS.measurementStatus },
  deviceAndSensorStatus: {
    key: 'deviceAndSensorStatus',
    label: 'Device and Sensor Status',
    flag: PLX_CONTINUOUS_FLAGS.deviceAndSensorStatus,
  },
  pulseAmplitudeIndex: {
    key: 'pulseAmplitudeIndex',
    label: 'Pulse Amplitude Index',
    flag: PLX_CONTINUOUS_FLAGS.pulseAmplitudeIndex,
  },
} as const satisfies Record<string, FieldSpec>;

export type PlxContinuousMeasurement = MeasurementFields<'spo2'> &
  MeasurementFields<'pulseRate'> &
  Partial<MeasurementFields<'spo2Fast'> & MeasurementFields<'pulseRateFast'>> &
  Partial<MeasurementFields<'spo2Slow'> & MeasurementFields<'pulseRateSlow'>> & {
    readonly measurementStatus?: PlxMeasurementStatus;
    readonly deviceAndSensorStatus?: PlxDeviceAndSensorStatus;
  } & Partial<MeasurementFields<'pulseAmplitudeIndex'>>;

/** PLX Continuous Measurement, 0x2A5F: 5 to 20 bytes, no timestamp (notes §2.2). */
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
  const measurementStatus =
    flags & PLX_CONTINUOUS_FLAGS.measurementStatus
      ? { measurementStatus: describePlxMeasurementStatus(reader.uint16(FIELDS.measurementStatus)) }
      : {};
  const deviceAndSensorStatus =
    flags & PLX_CONTINUOUS_FLAGS.deviceAndSensorStatus
      ? { deviceAndSensorStatus: describePlxDeviceAndSensorStatus(reader.uint24(FIELDS.deviceAndSensorStatus)) }
      : {};
  const pulseAmplitudeIndex =
    flags & PLX_CONTINUOUS_FLAGS.pulseAmplitudeIndex
      ? measurementFields('pulseAmplitudeIndex', reader.sfloat(FIELDS.pulseAmplitudeIndex))
      : {};
  return { ...normal, ...fast, ...slow, ...measurementStatus, ...deviceAndSensorStatus, ...pulseAmplitudeIndex };
}

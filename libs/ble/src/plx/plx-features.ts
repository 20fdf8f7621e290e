import type { FieldReader, FieldSpec } from '../decode/field-reader';
import { describePlxDeviceAndSensorStatus, type PlxDeviceAndSensorStatus } from './device-and-sensor-status';
import { describePlxMeasurementStatus, type PlxMeasurementStatus } from './measurement-status';
import { describePlxSupportedFeatures, type PlxSupportedFeatures } from './supported-features';

/**
 * Supported Features bits 0 (`measurementStatusSupported`) and 1 (`deviceAndSensorStatusSupported`)
 * double as presence flags of the two support fields (docs/ble-gatt.md §2.5, PLXS Table 3.8).
 */
const MEASUREMENT_STATUS_SUPPORT_PRESENT = 1 << 0;
const DEVICE_AND_SENSOR_STATUS_SUPPORT_PRESENT = 1 << 1;

const FIELDS = {
  supportedFeatures: { key: 'supportedFeatures', label: 'Supported Features' },
  measurementStatusSupport: {
    key: 'measurementStatusSupport',
    label: 'Measurement Status Support',
    flag: MEASUREMENT_STATUS_SUPPORT_PRESENT,
  },
  deviceAndSensorStatusSupport: {
    key: 'deviceAndSensorStatusSupport',
    label: 'Device and Sensor Status Support',
    flag: DEVICE_AND_SENSOR_STATUS_SUPPORT_PRESENT,
  },
} as const satisfies Record<string, FieldSpec>;

export interface PlxFeatures {
  readonly supportedFeatures: PlxSupportedFeatures;
  /** Which Measurement Status bits (docs/ble-gatt.md §2.3) this device can report. */
  readonly measurementStatusSupport?: PlxMeasurementStatus;
  /** Which Device and Sensor Status bits (docs/ble-gatt.md §2.4) this device can report. */
  readonly deviceAndSensorStatusSupport?: PlxDeviceAndSensorStatus;
}

/** PLX Features, 0x2A60: 2, 4, 5 or 7 bytes; the Supported Features word acts as its flags. */
export function decodePlxFeatures(reader: FieldReader): PlxFeatures {
  const raw = reader.readFlagWord(FIELDS.supportedFeatures);
  const measurementStatusSupport =
    raw & MEASUREMENT_STATUS_SUPPORT_PRESENT
      ? { measurementStatusSupport: describePlxMeasurementStatus(reader.uint16(FIELDS.measurementStatusSupport)) }
      : {};
  const deviceAndSensorStatusSupport =
    raw & DEVICE_AND_SENSOR_STATUS_SUPPORT_PRESENT
      ? {
          deviceAndSensorStatusSupport: describePlxDeviceAndSensorStatus(
            reader.uint24(FIELDS.deviceAndSensorStatusSupport),
          ),
        }
      : {};
  return { supportedFeatures: describePlxSupportedFeatures(raw), ...measurementStatusSupport, ...deviceAndSensorStatusSupport };
}

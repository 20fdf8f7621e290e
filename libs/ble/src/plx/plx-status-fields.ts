import type { FieldReader, FieldSpec } from '../decode/field-reader';
import { type MeasurementFields, measurementFields } from '../decode/measurement-fields';
import { describePlxDeviceAndSensorStatus, type PlxDeviceAndSensorStatus } from './device-and-sensor-status';
import { describePlxMeasurementStatus, type PlxMeasurementStatus } from './measurement-status';

export type PlxStatusFields = {
  readonly measurementStatus?: PlxMeasurementStatus;
  readonly deviceAndSensorStatus?: PlxDeviceAndSensorStatus;
} & Partial<MeasurementFields<'pulseAmplitudeIndex'>>;

/** Where each of the three fields' presence bit sits in a measurement's flags byte. */
export type PlxStatusFlagBits = { readonly measurementStatus: number; readonly deviceAndSensorStatus: number; readonly pulseAmplitudeIndex: number };

/**
 * Both PLX measurements end with the same optional fields in the same order: Measurement Status
 * (16 bit), Device and Sensor Status (24 bit), Pulse Amplitude Index (SFLOAT) (docs/ble-gatt.md §2.1–2.2,
 * PLXS Tables 3.2 and 3.6). Only the flag bits announcing them differ.
 */
export function readPlxStatusFields(reader: FieldReader, flags: number, bits: PlxStatusFlagBits): PlxStatusFields {
  const fields = {
    measurementStatus: { key: 'measurementStatus', label: 'Measurement Status', flag: bits.measurementStatus },
    deviceAndSensorStatus: { key: 'deviceAndSensorStatus', label: 'Device and Sensor Status', flag: bits.deviceAndSensorStatus },
    pulseAmplitudeIndex: { key: 'pulseAmplitudeIndex', label: 'Pulse Amplitude Index', flag: bits.pulseAmplitudeIndex },
  } as const satisfies Record<string, FieldSpec>;
  const measurementStatus =
    flags & bits.measurementStatus ? { measurementStatus: describePlxMeasurementStatus(reader.uint16(fields.measurementStatus)) } : {};
  const deviceAndSensorStatus =
    flags & bits.deviceAndSensorStatus
      ? { deviceAndSensorStatus: describePlxDeviceAndSensorStatus(reader.uint24(fields.deviceAndSensorStatus)) }
      : {};
  const pulseAmplitudeIndex =
    flags & bits.pulseAmplitudeIndex ? measurementFields('pulseAmplitudeIndex', reader.sfloat(fields.pulseAmplitudeIndex)) : {};
  return { ...measurementStatus, ...deviceAndSensorStatus, ...pulseAmplitudeIndex };
}

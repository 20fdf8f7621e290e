import type { DateTimeValue } from '../date-time';
import { PLX_SPOT_CHECK_FLAGS } from '../plx/plx-spot-check';
import { ByteWriter } from './byte-writer';

export interface PlxSpotCheckMeasurementInput {
  /** %; `null` is sent as NaN ("value unavailable"). */
  readonly spo2: number | null;
  /** Beats per minute; `null` is sent as NaN. */
  readonly pulseRate: number | null;
  readonly timestamp?: DateTimeValue;
  /** Raw 16-bit Measurement Status (docs/ble-gatt.md §2.3). */
  readonly measurementStatus?: number;
  /** Raw 24-bit Device and Sensor Status (docs/ble-gatt.md §2.4). */
  readonly deviceAndSensorStatus?: number;
  /** Pulse Amplitude Index, %; `null` is sent as NaN. */
  readonly pulseAmplitudeIndex?: number | null;
  /** Sets flags bit 4, "Device Clock is Not Set" (docs/ble-gatt.md §2.1). */
  readonly deviceClockNotSet?: boolean;
}

/** PLX Spot-check Measurement, 0x2A5E (docs/ble-gatt.md §2.1). Each optional field given is sent and flagged. */
export function encodePlxSpotCheck(m: PlxSpotCheckMeasurementInput): Uint8Array {
  const flags =
    (m.timestamp !== undefined ? PLX_SPOT_CHECK_FLAGS.timestamp : 0) |
    (m.measurementStatus !== undefined ? PLX_SPOT_CHECK_FLAGS.measurementStatus : 0) |
    (m.deviceAndSensorStatus !== undefined ? PLX_SPOT_CHECK_FLAGS.deviceAndSensorStatus : 0) |
    (m.pulseAmplitudeIndex !== undefined ? PLX_SPOT_CHECK_FLAGS.pulseAmplitudeIndex : 0) |
    (m.deviceClockNotSet === true ? PLX_SPOT_CHECK_FLAGS.deviceClockNotSet : 0);
  const writer = new ByteWriter('encodePlxSpotCheck')
    .uint8(flags, 'flags')
    .sfloat(m.spo2, 'spo2')
    .sfloat(m.pulseRate, 'pulseRate');
  if (m.timestamp !== undefined) writer.dateTime(m.timestamp, 'timestamp');
  if (m.measurementStatus !== undefined) writer.uint16(m.measurementStatus, 'measurementStatus');
  if (m.deviceAndSensorStatus !== undefined) writer.uint24(m.deviceAndSensorStatus, 'deviceAndSensorStatus');
  if (m.pulseAmplitudeIndex !== undefined) writer.sfloat(m.pulseAmplitudeIndex, 'pulseAmplitudeIndex');
  return writer.toBytes();
}

import { PLX_CONTINUOUS_FLAGS } from '../plx/plx-continuous';
import { ByteWriter } from './byte-writer';

/** One SpO2/PR pair; `null` is sent as NaN ("value unavailable"). */
export interface Spo2PulseRateInput {
  readonly spo2: number | null;
  readonly pulseRate: number | null;
}

export interface PlxContinuousMeasurementInput extends Spo2PulseRateInput {
  readonly spo2Fast?: Spo2PulseRateInput;
  readonly spo2Slow?: Spo2PulseRateInput;
  /** Raw 16-bit Measurement Status (docs/ble-gatt.md §2.3). */
  readonly measurementStatus?: number;
  /** Raw 24-bit Device and Sensor Status (docs/ble-gatt.md §2.4). */
  readonly deviceAndSensorStatus?: number;
  /** Pulse Amplitude Index, %; `null` is sent as NaN. */
  readonly pulseAmplitudeIndex?: number | null;
}

/**
 * PLX Continuous Measurement, 0x2A5F (docs/ble-gatt.md §2.2). Each optional field given (not `undefined`) is
 * sent and its flag set; RFU flag bits stay 0.
 */
export function encodePlxContinuous(m: PlxContinuousMeasurementInput): Uint8Array {
  const flags =
    (m.spo2Fast !== undefined ? PLX_CONTINUOUS_FLAGS.spo2prFast : 0) |
    (m.spo2Slow !== undefined ? PLX_CONTINUOUS_FLAGS.spo2prSlow : 0) |
    (m.measurementStatus !== undefined ? PLX_CONTINUOUS_FLAGS.measurementStatus : 0) |
    (m.deviceAndSensorStatus !== undefined ? PLX_CONTINUOUS_FLAGS.deviceAndSensorStatus : 0) |
    (m.pulseAmplitudeIndex !== undefined ? PLX_CONTINUOUS_FLAGS.pulseAmplitudeIndex : 0);
  const writer = new ByteWriter('encodePlxContinuous')
    .uint8(flags, 'flags')
    .sfloat(m.spo2, 'spo2')
    .sfloat(m.pulseRate, 'pulseRate');
  if (m.spo2Fast !== undefined) writer.sfloat(m.spo2Fast.spo2, 'spo2Fast.spo2').sfloat(m.spo2Fast.pulseRate, 'spo2Fast.pulseRate');
  if (m.spo2Slow !== undefined) writer.sfloat(m.spo2Slow.spo2, 'spo2Slow.spo2').sfloat(m.spo2Slow.pulseRate, 'spo2Slow.pulseRate');
  if (m.measurementStatus !== undefined) writer.uint16(m.measurementStatus, 'measurementStatus');
  if (m.deviceAndSensorStatus !== undefined) writer.uint24(m.deviceAndSensorStatus, 'deviceAndSensorStatus');
  if (m.pulseAmplitudeIndex !== undefined) writer.sfloat(m.pulseAmplitudeIndex, 'pulseAmplitudeIndex');
  return writer.toBytes();
}

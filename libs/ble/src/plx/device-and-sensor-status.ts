import { type BitFieldView, type BitNames, describeBits } from '../decode/bit-field';

/** PLX Device and Sensor Status, 24 bit (docs/ble-gatt.md §2.4, PLXS Table 3.5). Bits 16–23 are RFU. */
export const PLX_DEVICE_AND_SENSOR_STATUS_BITS = {
  0: 'extendedDisplayUpdateOngoing',
  1: 'equipmentMalfunctionDetected',
  2: 'signalProcessingIrregularityDetected',
  3: 'inadequateSignalDetected',
  4: 'poorSignalDetected',
  5: 'lowPerfusionDetected',
  6: 'erraticSignalDetected',
  7: 'nonPulsatileSignalDetected',
  8: 'questionablePulseDetected',
  9: 'signalAnalysisOngoing',
  10: 'sensorInterferenceDetected',
  11: 'sensorUnconnectedToUser',
  12: 'unknownSensorConnected',
  13: 'sensorDisplaced',
  14: 'sensorMalfunctioning',
  15: 'sensorDisconnected',
} as const satisfies BitNames<string>;

export type PlxDeviceAndSensorStatusBit =
  (typeof PLX_DEVICE_AND_SENSOR_STATUS_BITS)[keyof typeof PLX_DEVICE_AND_SENSOR_STATUS_BITS];
export type PlxDeviceAndSensorStatus = BitFieldView<PlxDeviceAndSensorStatusBit>;

export function describePlxDeviceAndSensorStatus(raw: number): PlxDeviceAndSensorStatus {
  return describeBits(raw, PLX_DEVICE_AND_SENSOR_STATUS_BITS);
}

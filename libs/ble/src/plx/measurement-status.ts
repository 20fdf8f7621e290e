import { type BitFieldView, type BitNames, describeBits } from '../decode/bit-field';

/** PLX Measurement Status, 16 bit, shared by 0x2A5E and 0x2A5F (docs/ble-gatt.md §2.3, PLXS Table 3.4). Bits 0–4 are RFU. */
export const PLX_MEASUREMENT_STATUS_BITS = {
  5: 'measurementOngoing',
  6: 'earlyEstimatedData',
  7: 'validatedData',
  8: 'fullyQualifiedData',
  9: 'dataFromMeasurementStorage',
  10: 'dataForDemonstration',
  11: 'dataForTesting',
  12: 'calibrationOngoing',
  13: 'measurementUnavailable',
  14: 'questionableMeasurementDetected',
  15: 'invalidMeasurementDetected',
} as const satisfies BitNames<string>;

export type PlxMeasurementStatusBit = (typeof PLX_MEASUREMENT_STATUS_BITS)[keyof typeof PLX_MEASUREMENT_STATUS_BITS];
export type PlxMeasurementStatus = BitFieldView<PlxMeasurementStatusBit>;

export function describePlxMeasurementStatus(raw: number): PlxMeasurementStatus {
  return describeBits(raw, PLX_MEASUREMENT_STATUS_BITS);
}

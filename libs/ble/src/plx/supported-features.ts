import { type BitFieldView, type BitNames, describeBits } from '../decode/bit-field';

/** PLX Features › Supported Features, 16 bit (docs/ble-gatt.md §2.5, PLXS Table 3.9). Bits 8–15 are RFU. */
export const PLX_SUPPORTED_FEATURES_BITS = {
  0: 'measurementStatusSupported',
  1: 'deviceAndSensorStatusSupported',
  2: 'measurementStorageForSpotCheckSupported',
  3: 'timestampForSpotCheckSupported',
  4: 'spo2prFastSupported',
  5: 'spo2prSlowSupported',
  6: 'pulseAmplitudeIndexSupported',
  7: 'multipleBondsSupported',
} as const satisfies BitNames<string>;

export type PlxSupportedFeature = (typeof PLX_SUPPORTED_FEATURES_BITS)[keyof typeof PLX_SUPPORTED_FEATURES_BITS];
export type PlxSupportedFeatures = BitFieldView<PlxSupportedFeature>;

export function describePlxSupportedFeatures(raw: number): PlxSupportedFeatures {
  return describeBits(raw, PLX_SUPPORTED_FEATURES_BITS);
}

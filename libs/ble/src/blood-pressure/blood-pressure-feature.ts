import { type BitFieldView, type BitNames, describeBits } from '../decode/bit-field';
import type { FieldReader } from '../decode/field-reader';

/**
 * Blood Pressure Feature bits (docs/ble-gatt.md §3.3): 0–5 from the 2011 GATT XML, 6–8 added by BLS v1.1
 * (as in SpeziBluetooth's BloodPressureFeature). Bits 9–15 are RFU.
 */
export const BLOOD_PRESSURE_FEATURE_BITS = {
  0: 'bodyMovementDetectionSupported',
  1: 'cuffFitDetectionSupported',
  2: 'irregularPulseDetectionSupported',
  3: 'pulseRateRangeDetectionSupported',
  4: 'measurementPositionDetectionSupported',
  5: 'multipleBondsSupported',
  6: 'e2eCrcSupported',
  7: 'userDataServiceSupported',
  8: 'userFacingTimeSupported',
} as const satisfies BitNames<string>;

export type BloodPressureFeatureBit = (typeof BLOOD_PRESSURE_FEATURE_BITS)[keyof typeof BLOOD_PRESSURE_FEATURE_BITS];

export interface BloodPressureFeature {
  readonly supportedFeatures: BitFieldView<BloodPressureFeatureBit>;
}

/** Blood Pressure Feature, 0x2A49: one 16-bit word. */
export function decodeBloodPressureFeature(reader: FieldReader): BloodPressureFeature {
  const raw = reader.uint16({ key: 'supportedFeatures', label: 'Blood Pressure Feature' });
  return { supportedFeatures: describeBits(raw, BLOOD_PRESSURE_FEATURE_BITS) };
}

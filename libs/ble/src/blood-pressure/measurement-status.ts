import { type BitFieldView, type BitNames, describeBits } from '../decode/bit-field';

/** Single-bit flags of the Blood Pressure Measurement Status (docs/ble-gatt.md §3.1). Bits 6–15 are RFU. */
export const BLOOD_PRESSURE_MEASUREMENT_STATUS_BITS = {
  0: 'bodyMovementDetected',
  1: 'cuffTooLoose',
  2: 'irregularPulseDetected',
  5: 'improperMeasurementPosition',
} as const satisfies BitNames<string>;

/**
 * Bits 3–4 are one 2-bit value, not two flags (docs/ble-gatt.md §0.8): reading them as two bits would turn
 * the RFU value 3 into "above and below the limit" at once.
 */
export const PULSE_RATE_RANGES = ['withinRange', 'exceedsUpperLimit', 'belowLowerLimit', 'reserved'] as const;
export type PulseRateRange = (typeof PULSE_RATE_RANGES)[number];

const PULSE_RATE_RANGE_SHIFT = 3;
const PULSE_RATE_RANGE_MASK = 0b11;

export type BloodPressureMeasurementStatusBit =
  (typeof BLOOD_PRESSURE_MEASUREMENT_STATUS_BITS)[keyof typeof BLOOD_PRESSURE_MEASUREMENT_STATUS_BITS];

export type BloodPressureMeasurementStatus = BitFieldView<BloodPressureMeasurementStatusBit> & {
  /** Always present: 0 on the wire means "within range". */
  readonly pulseRateRange: PulseRateRange;
};

export function describeBloodPressureMeasurementStatus(raw: number): BloodPressureMeasurementStatus {
  const range = PULSE_RATE_RANGES[(raw >> PULSE_RATE_RANGE_SHIFT) & PULSE_RATE_RANGE_MASK] ?? 'reserved';
  return { ...describeBits(raw, BLOOD_PRESSURE_MEASUREMENT_STATUS_BITS), pulseRateRange: range };
}

// Public API of @vigil/ble: pure decoders and encoders for the BLE vital-sign characteristics
// described in docs/ble-gatt.md. No I/O, no clock, no Node Buffer.

export { BleDecodeError, type BleDecodeErrorContext, InvalidHexError, UnknownCharacteristicError } from './errors';
export { bytesToHex, hexToBytes } from './hex';

export type { MedicalFloat, MedicalFloatSpecial, SfloatSpecial } from './ieee11073/special-value';
export { decodeSfloat, SFLOAT_SPECIAL_WORDS } from './ieee11073/sfloat';
export { decodeFloat, FLOAT_SPECIAL_WORDS } from './ieee11073/float';

export { type DateTimeValue, isDateKnown } from './date-time';
export type { BitFieldView } from './decode/bit-field';
export type { MeasurementFields } from './decode/measurement-fields';

export {
  CHARACTERISTICS,
  type CharacteristicId,
  type DecodedCharacteristic,
  type DecodedCharacteristicOf,
  isCharacteristicId,
} from './characteristics';
export { parseCharacteristicId } from './characteristic-uuid';
export { decodeCharacteristic, decodeCharacteristicBytes } from './decode-characteristic';
export { decodeWireValue, type DecodedWireValue } from './decode-wire-value';
export { toVitalObservation, type VitalObservation } from './vital-observation';

export type { PlxSpotCheckMeasurement } from './plx/plx-spot-check';
export type { PlxContinuousMeasurement } from './plx/plx-continuous';
export type { PlxFeatures } from './plx/plx-features';
export type { PlxMeasurementStatus } from './plx/measurement-status';
export type { PlxDeviceAndSensorStatus } from './plx/device-and-sensor-status';
export type { PlxSupportedFeatures } from './plx/supported-features';
export type { BloodPressureMeasurement } from './blood-pressure/blood-pressure-measurement';
export type { IntermediateCuffPressure } from './blood-pressure/intermediate-cuff-pressure';
export type { BloodPressureFeature } from './blood-pressure/blood-pressure-feature';
export type { BloodPressureMeasurementStatus, PulseRateRange } from './blood-pressure/measurement-status';
export type { PressureUnit } from './blood-pressure/blood-pressure-layout';
export type { HeartRateMeasurement, SensorContact } from './heart-rate/heart-rate-measurement';

export { encodeSfloat } from './encode/sfloat';
export { encodePlxContinuous, type PlxContinuousMeasurementInput, type Spo2PulseRateInput } from './encode/plx-continuous';
export { encodePlxSpotCheck, type PlxSpotCheckMeasurementInput } from './encode/plx-spot-check';
export { encodeBloodPressureMeasurement, type BloodPressureMeasurementInput } from './encode/blood-pressure-measurement';

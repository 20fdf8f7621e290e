import type { DecodedCharacteristic, DecodedCharacteristicOf } from './characteristics';
import { type DateTimeValue, isDateKnown } from './date-time';
import { hasBit } from './decode/bit-field';
import type { MedicalFloatSpecial } from './ieee11073/special-value';

/** A reading worth storing, in Vigil's units, from a decoded characteristic. */
export type VitalObservation =
  | {
      readonly kind: 'oximetry';
      /** %; `null` when the device sent a special value (NaN: "value unavailable", docs/ble-gatt.md §0.5). */
      readonly spo2: number | null;
      /** Beats per minute; `null` as for `spo2`. */
      readonly pulseRate: number | null;
      /** The Pulse Amplitude Index, %, when sent as a number. */
      readonly perfusionIndex?: number;
      readonly sensorOff: boolean;
      /** The special value behind each `null` (docs/ble-gatt.md §0.5): why there is no number. */
      readonly specialValues: { readonly spo2?: MedicalFloatSpecial; readonly pulseRate?: MedicalFloatSpecial };
      readonly status: { readonly measurementStatus?: number; readonly deviceAndSensorStatus?: number };
      readonly deviceTimestamp?: DateTimeValue;
    }
  | {
      readonly kind: 'bloodPressure';
      readonly systolic: number | null;
      readonly diastolic: number | null;
      readonly meanArterialPressure: number | null;
      readonly pulseRate?: number | null;
      readonly unit: 'mmHg';
      readonly status: { readonly measurementStatus?: number };
      readonly deviceTimestamp?: DateTimeValue;
    };

/** 1 mmHg = 0.133322 kPa (docs/ble-gatt.md §3.1). */
const KPA_PER_MMHG = 0.133322;

/**
 * Status bits that mean the probe is not reading the patient, so a missing or odd SpO2 is a
 * technical condition ("sensor off"), not a physiological one. Device and Sensor Status
 * (docs/ble-gatt.md §2.4, PLXS Table 3.5): 11 Sensor Unconnected to User, 13 Sensor Displaced,
 * 14 Sensor Malfunctioning, 15 Sensor Disconnected. Measurement Status (docs/ble-gatt.md §2.3, Table 3.4):
 * 13 Measurement Unavailable.
 */
const SENSOR_OFF_DEVICE_AND_SENSOR_STATUS_BITS = [11, 13, 14, 15] as const;
const SENSOR_OFF_MEASUREMENT_STATUS_BITS = [13] as const;

/**
 * Maps a decoded characteristic to the observation the ingest stores, or `null` for values that
 * are not a vital reading: Intermediate Cuff Pressure is for display during inflation only
 * (docs/ble-gatt.md §3.2); Heart Rate, the feature characteristics and Date Time carry no SpO2 or BP reading.
 */
export function toVitalObservation(decoded: DecodedCharacteristic): VitalObservation | null {
  switch (decoded.characteristic) {
    case '0x2A5E':
      return oximetryObservation(decoded, decoded.deviceClockNotSet ? undefined : decoded.timestamp);
    case '0x2A5F':
      return oximetryObservation(decoded, undefined);
    case '0x2A35':
      return bloodPressureObservation(decoded);
    case '0x2A36':
    case '0x2A37':
    case '0x2A49':
    case '0x2A60':
    case '0x2A08':
      return null;
    default:
      return assertNever(decoded);
  }
}

function oximetryObservation(
  decoded: DecodedCharacteristicOf<'0x2A5E'> | DecodedCharacteristicOf<'0x2A5F'>,
  timestamp: DateTimeValue | undefined,
): VitalObservation {
  const measurementStatus = decoded.measurementStatus?.raw;
  const deviceAndSensorStatus = decoded.deviceAndSensorStatus?.raw;
  const sensorOff =
    anyBitSet(deviceAndSensorStatus, SENSOR_OFF_DEVICE_AND_SENSOR_STATUS_BITS) ||
    anyBitSet(measurementStatus, SENSOR_OFF_MEASUREMENT_STATUS_BITS);
  return {
    kind: 'oximetry',
    spo2: decoded.spo2,
    pulseRate: decoded.pulseRate,
    ...(typeof decoded.pulseAmplitudeIndex === 'number' && { perfusionIndex: decoded.pulseAmplitudeIndex }),
    sensorOff,
    specialValues: {
      ...(decoded.spo2Special !== undefined && { spo2: decoded.spo2Special }),
      ...(decoded.pulseRateSpecial !== undefined && { pulseRate: decoded.pulseRateSpecial }),
    },
    status: {
      ...(measurementStatus !== undefined && { measurementStatus }),
      ...(deviceAndSensorStatus !== undefined && { deviceAndSensorStatus }),
    },
    ...knownDeviceTimestamp(timestamp),
  };
}

function bloodPressureObservation(decoded: DecodedCharacteristicOf<'0x2A35'>): VitalObservation {
  const toMmHg = (pressure: number | null): number | null =>
    pressure === null || decoded.unit === 'mmHg' ? pressure : Math.round((pressure / KPA_PER_MMHG) * 10) / 10;
  const measurementStatus = decoded.measurementStatus?.raw;
  return {
    kind: 'bloodPressure',
    systolic: toMmHg(decoded.systolic),
    diastolic: toMmHg(decoded.diastolic),
    meanArterialPressure: toMmHg(decoded.meanArterialPressure),
    // The unit flag covers the three pressures only; pulse rate is always beats per minute.
    ...(decoded.pulseRate !== undefined && { pulseRate: decoded.pulseRate }),
    unit: 'mmHg',
    status: { ...(measurementStatus !== undefined && { measurementStatus }) },
    ...knownDeviceTimestamp(decoded.timestamp),
  };
}

/**
 * A device time stamp is passed on only when its date is known (year, month and day non-zero,
 * docs/ble-gatt.md §0.6) and, for spot-checks, the device clock has been set (docs/ble-gatt.md §2.1, flags bit 4);
 * otherwise the ingest falls back to the gateway's receive time.
 */
function knownDeviceTimestamp(timestamp: DateTimeValue | undefined): { deviceTimestamp?: DateTimeValue } {
  return timestamp !== undefined && isDateKnown(timestamp) ? { deviceTimestamp: timestamp } : {};
}

function anyBitSet(raw: number | undefined, bits: readonly number[]): boolean {
  return raw !== undefined && bits.some((bit) => hasBit(raw, bit));
}

function assertNever(value: never): never {
  throw new Error(`toVitalObservation: unhandled characteristic ${JSON.stringify(value)}`);
}

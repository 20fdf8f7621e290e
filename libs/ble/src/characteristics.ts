import { decodeBloodPressureFeature } from './blood-pressure/blood-pressure-feature';
import { decodeBloodPressureMeasurement } from './blood-pressure/blood-pressure-measurement';
import { decodeIntermediateCuffPressure } from './blood-pressure/intermediate-cuff-pressure';
import { decodeDateTime } from './date-time-characteristic';
import type { FieldReader } from './decode/field-reader';
import { decodeHeartRateMeasurement } from './heart-rate/heart-rate-measurement';
import { decodePlxContinuous } from './plx/plx-continuous';
import { decodePlxFeatures } from './plx/plx-features';
import { decodePlxSpotCheck } from './plx/plx-spot-check';

interface CharacteristicDefinition {
  /** The SIG's name for the characteristic. */
  readonly name: string;
  readonly decode: (reader: FieldReader) => object;
}

/**
 * Every characteristic this library decodes: the one place that ties a 16-bit UUID to its name and
 * its decoder. The key is the canonical id (`0x` + four uppercase hex digits) used in output and
 * errors. Adding an entry here makes the CLI, `decodeCharacteristic` and the exhaustive switch in
 * `toVitalObservation` pick it up (the last one at compile time).
 */
export const CHARACTERISTICS = {
  '0x2A08': { name: 'Date Time', decode: decodeDateTime },
  '0x2A35': { name: 'Blood Pressure Measurement', decode: decodeBloodPressureMeasurement },
  '0x2A36': { name: 'Intermediate Cuff Pressure', decode: decodeIntermediateCuffPressure },
  '0x2A37': { name: 'Heart Rate Measurement', decode: decodeHeartRateMeasurement },
  '0x2A49': { name: 'Blood Pressure Feature', decode: decodeBloodPressureFeature },
  '0x2A5E': { name: 'PLX Spot-check Measurement', decode: decodePlxSpotCheck },
  '0x2A5F': { name: 'PLX Continuous Measurement', decode: decodePlxContinuous },
  '0x2A60': { name: 'PLX Features', decode: decodePlxFeatures },
} as const satisfies Record<string, CharacteristicDefinition>;

export type CharacteristicId = keyof typeof CHARACTERISTICS;

type Registry = typeof CHARACTERISTICS;

/** A decoded value, tagged with its characteristic: `{ characteristic: "0x2A5F", name: "PLX Continuous Measurement", spo2: 97, … }`. */
export type DecodedCharacteristic = {
  [Id in CharacteristicId]: { readonly characteristic: Id; readonly name: Registry[Id]['name'] } & ReturnType<
    Registry[Id]['decode']
  >;
}[CharacteristicId];

/** The decoded shape of one characteristic, e.g. `DecodedCharacteristicOf<'0x2A5F'>`. */
export type DecodedCharacteristicOf<Id extends CharacteristicId> = Extract<DecodedCharacteristic, { characteristic: Id }>;

export function isCharacteristicId(id: string): id is CharacteristicId {
  return Object.prototype.hasOwnProperty.call(CHARACTERISTICS, id);
}

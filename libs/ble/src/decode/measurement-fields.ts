import type { MedicalFloat, MedicalFloatSpecial } from '../ieee11073/special-value';

/**
 * How an SFLOAT field appears in decoded output: `spo2: 97.5`, or `spo2: null` with a sibling
 * `spo2Special: "NaN"` that says why (docs/ble-gatt.md §0.5: JSON has no NaN). Every SFLOAT field of every
 * characteristic uses this one shape.
 */
export type MeasurementFields<Key extends string> = { readonly [K in Key]: number | null } & {
  readonly [K in `${Key}Special`]?: MedicalFloatSpecial;
};

export function measurementFields<Key extends string>(key: Key, reading: MedicalFloat): MeasurementFields<Key> {
  const fields: Record<string, number | null | MedicalFloatSpecial> = { [key]: reading.value };
  if (reading.special !== undefined) fields[`${key}Special`] = reading.special;
  return fields as MeasurementFields<Key>;
}

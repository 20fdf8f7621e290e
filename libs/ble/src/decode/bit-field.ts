/**
 * Status and feature words decode to `{ raw, <name of each set bit>: true }`, e.g.
 * `{ raw: 288, measurementOngoing: true, fullyQualifiedData: true }`. Only set bits get a key, so
 * a consumer tests `status.sensorDisplaced === true`; RFU bits (reserved for future use) have no
 * name and are visible only in `raw` (docs/ble-gatt.md §5: RFU bits should be 0, ignore them if not).
 */
export type BitFieldView<Name extends string> = { readonly raw: number } & { readonly [N in Name]?: true };

/** Bit position → name, for the bits a specification defines. */
export type BitNames<Name extends string> = Readonly<Partial<Record<number, Name>>>;

export function describeBits<Name extends string>(raw: number, names: BitNames<Name>): BitFieldView<Name> {
  const view: Record<string, number | true> = { raw };
  for (const [bit, name] of Object.entries(names)) {
    if (name !== undefined && hasBit(raw, Number(bit))) view[name] = true;
  }
  return view as BitFieldView<Name>;
}

/** Works for the 24-bit Device and Sensor Status too (no sign issue below bit 31). */
export function hasBit(raw: number, bit: number): boolean {
  return (raw & (1 << bit)) !== 0;
}

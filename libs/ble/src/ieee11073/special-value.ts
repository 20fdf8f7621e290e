/**
 * The five reserved IEEE 11073-20601 values (docs/ble-gatt.md §1.1, PLXS v1.0.1 Table 5.1; §1.2 for FLOAT).
 * They are kept as names, never as JS `NaN`/`Infinity`, because JSON cannot carry those and
 * because NaN ("value unavailable") and NRes ("not at this resolution") mean different things
 * (docs/ble-gatt.md §0.5).
 */
export type MedicalFloatSpecial = 'NaN' | 'NRes' | '+INFINITY' | '-INFINITY' | 'Reserved';

/** The name the gateway simulator uses; SFLOAT and FLOAT share the same five specials. */
export type SfloatSpecial = MedicalFloatSpecial;

/**
 * A decoded SFLOAT or FLOAT: a finite number, or `null` with the special value that explains it.
 * The same `value` / `special` pair appears in characteristic output as `spo2` / `spo2Special`.
 */
export type MedicalFloat =
  | { readonly value: number; readonly special?: undefined }
  | { readonly value: null; readonly special: MedicalFloatSpecial };

/** 10^22 is the largest power of ten a double holds exactly. */
const LARGEST_EXACT_POWER_OF_TEN = 22;

/**
 * mantissa × 10^exponent, as the double nearest to that decimal. A negative exponent divides
 * (`101 / 10`, not `101 * 10 ** -1`), which gives `10.1` instead of `10.100000000000001`
 * (docs/ble-gatt.md §0.4). Division by 10^k rounds once only while 10^k is exact (k ≤ 22: every SFLOAT and
 * ordinary FLOAT); beyond that the decimal literal is parsed, which JS rounds correctly.
 */
export function scaleByPowerOfTen(mantissa: number, exponent: number): number {
  if (Math.abs(exponent) > LARGEST_EXACT_POWER_OF_TEN) return Number(`${mantissa}e${exponent}`);
  return exponent < 0 ? mantissa / 10 ** -exponent : mantissa * 10 ** exponent;
}

/** Reads an n-bit two's-complement number from its unsigned bits. */
export function fromTwosComplement(unsigned: number, bits: number): number {
  const signBit = 2 ** (bits - 1);
  return unsigned >= signBit ? unsigned - 2 * signBit : unsigned;
}

import { fromTwosComplement, type MedicalFloat, type MedicalFloatSpecial, scaleByPowerOfTen } from './special-value';

/** Raw 32-bit words of the FLOAT special values (docs/ble-gatt.md §1.2; Wireshark `FLOAT_VALUE_*`). */
export const FLOAT_SPECIAL_WORDS: Readonly<Record<MedicalFloatSpecial, number>> = {
  NaN: 0x007fffff,
  NRes: 0x00800000,
  '+INFINITY': 0x007ffffe,
  '-INFINITY': 0x00800002,
  Reserved: 0x00800001,
};

const SPECIAL_BY_WORD = new Map<number, MedicalFloatSpecial>(
  Object.entries(FLOAT_SPECIAL_WORDS).map(([name, word]) => [word, name as MedicalFloatSpecial]),
);

/**
 * Decodes an IEEE 11073-20601 FLOAT (32 bit: 8-bit exponent, 24-bit mantissa, both two's
 * complement; docs/ble-gatt.md §1.2) from its word, assembled little-endian. Specials are matched on the whole
 * word first, as for SFLOAT.
 */
export function decodeFloat(word: number): MedicalFloat {
  if (!Number.isInteger(word) || word < 0 || word > 0xffffffff) {
    throw new RangeError(`FLOAT word must be an integer in 0..0xFFFFFFFF, got ${word}`);
  }
  const special = SPECIAL_BY_WORD.get(word);
  if (special !== undefined) return { value: null, special };

  // Division and modulo rather than `>>`: bitwise operators would make 32-bit words negative.
  const exponent = fromTwosComplement(Math.floor(word / 0x1000000), 8);
  const mantissa = fromTwosComplement(word % 0x1000000, 24);
  const value = scaleByPowerOfTen(mantissa, exponent);
  return { value: value === 0 ? 0 : value };
}

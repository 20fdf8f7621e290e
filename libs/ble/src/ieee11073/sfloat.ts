import { fromTwosComplement, type MedicalFloat, type MedicalFloatSpecial, scaleByPowerOfTen } from './special-value';

/** Raw 16-bit words of the SFLOAT special values (docs/ble-gatt.md §1.1, PLXS Table 5.1). */
export const SFLOAT_SPECIAL_WORDS: Readonly<Record<MedicalFloatSpecial, number>> = {
  NaN: 0x07ff,
  NRes: 0x0800,
  '+INFINITY': 0x07fe,
  '-INFINITY': 0x0802,
  Reserved: 0x0801,
};

const SPECIAL_BY_WORD = new Map<number, MedicalFloatSpecial>(
  Object.entries(SFLOAT_SPECIAL_WORDS).map(([name, word]) => [word, name as MedicalFloatSpecial]),
);

export const SFLOAT_MANTISSA_MIN = -2048;
export const SFLOAT_MANTISSA_MAX = 2047;
export const SFLOAT_EXPONENT_MIN = -8;
export const SFLOAT_EXPONENT_MAX = 7;

/**
 * Decodes an IEEE 11073-20601 SFLOAT from its 16-bit word (already assembled little-endian).
 *
 * The special values are matched on the whole word *before* splitting it, so `0x0800` is NRes and
 * not −2048, `0x0801` is Reserved and not −2047 (docs/ble-gatt.md §0.3): some encoders emit exactly those
 * collisions. The exponent is plain 4-bit two's complement with no bias (docs/ble-gatt.md §0.2).
 */
export function decodeSfloat(word: number): MedicalFloat {
  if (!Number.isInteger(word) || word < 0 || word > 0xffff) {
    throw new RangeError(`SFLOAT word must be an integer in 0..0xFFFF, got ${word}`);
  }
  const special = SPECIAL_BY_WORD.get(word);
  if (special !== undefined) return { value: null, special };

  const exponent = fromTwosComplement(word >> 12, 4);
  const mantissa = fromTwosComplement(word & 0x0fff, 12);
  return { value: normaliseZero(scaleByPowerOfTen(mantissa, exponent)) };
}

/** A zero mantissa with any exponent is 0; never hand out -0 (it prints as 0 but compares oddly). */
function normaliseZero(value: number): number {
  return value === 0 ? 0 : value;
}

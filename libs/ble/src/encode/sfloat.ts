import {
  SFLOAT_EXPONENT_MAX,
  SFLOAT_EXPONENT_MIN,
  SFLOAT_MANTISSA_MAX,
  SFLOAT_MANTISSA_MIN,
  SFLOAT_SPECIAL_WORDS,
} from '../ieee11073/sfloat';
import { scaleByPowerOfTen, type SfloatSpecial } from '../ieee11073/special-value';

/**
 * With exponent 0 the words for mantissas 2046, 2047, −2046, −2047 and −2048 are the special
 * values (docs/ble-gatt.md §0.3), so exponent 0 may only use −2045..2045. sdk-nrf's encoder gets this wrong
 * and sends 2047.0 as NaN; we never do.
 */
const EXPONENT_ZERO_MANTISSA_LIMIT = 2045;

const LARGEST = SFLOAT_MANTISSA_MAX * 10 ** SFLOAT_EXPONENT_MAX;
const SMALLEST = SFLOAT_MANTISSA_MIN * 10 ** SFLOAT_EXPONENT_MAX;
const HALF_TOP_STEP = 0.5 * 10 ** SFLOAT_EXPONENT_MAX;

/** Errors this much smaller than the value are float noise, not a better encoding. */
const RELATIVE_TIE_TOLERANCE = 1e-12;

/**
 * Encodes a number (or a special value) as an IEEE 11073-20601 SFLOAT word (docs/ble-gatt.md §1.1). Put it on
 * the wire LSB first.
 *
 * The result is the SFLOAT nearest to `value`; among equally near ones, the exponent closest to 0,
 * so the mantissa carries no padding digits: 98 → 98×10⁰, 10.1 → 101×10⁻¹, 5070 → 507×10¹,
 * 0.000001 → 1×10⁻⁶. A value with more digits than 12 bits hold is rounded, as sdk-nrf's
 * `sfloat_from_float` does, half away from zero: 97.25 → 973×10⁻¹ = 97.3.
 * JS `NaN` and ±`Infinity` become the NaN and ±INFINITY specials.
 *
 * @throws RangeError when |value| is beyond ±2.047×10¹⁰ (largest SFLOAT), when a non-zero value
 *   would round to 0 (below 5×10⁻⁹), or for an unknown special name.
 */
export function encodeSfloat(value: number | SfloatSpecial): number {
  if (typeof value === 'string') return specialWord(value);
  if (Number.isNaN(value)) return SFLOAT_SPECIAL_WORDS.NaN;
  if (value === Infinity) return SFLOAT_SPECIAL_WORDS['+INFINITY'];
  if (value === -Infinity) return SFLOAT_SPECIAL_WORDS['-INFINITY'];
  if (value === 0) return 0x0000;
  if (value >= LARGEST + HALF_TOP_STEP || value <= SMALLEST - HALF_TOP_STEP) {
    throw new RangeError(`${value} is outside the SFLOAT range ${SMALLEST}..${LARGEST}`);
  }

  const best = nearestRepresentation(value);
  if (best.mantissa === 0) {
    throw new RangeError(`${value} is too small for an SFLOAT (smallest step 1e${SFLOAT_EXPONENT_MIN})`);
  }
  return ((best.exponent & 0xf) << 12) | (best.mantissa & 0x0fff);
}

interface Representation {
  readonly mantissa: number;
  readonly exponent: number;
  readonly error: number;
}

function nearestRepresentation(value: number): Representation {
  const tolerance = Math.abs(value) * RELATIVE_TIE_TOLERANCE;
  let best: Representation | undefined;
  for (const exponent of exponentsNearestZeroFirst()) {
    const candidate = representWith(value, exponent);
    if (best === undefined || candidate.error < best.error - tolerance) best = candidate;
  }
  // exponentsNearestZeroFirst() is never empty.
  return best as Representation;
}

function representWith(value: number, exponent: number): Representation {
  const limit = exponent === 0 ? EXPONENT_ZERO_MANTISSA_LIMIT : SFLOAT_MANTISSA_MAX;
  const lowest = exponent === 0 ? -EXPONENT_ZERO_MANTISSA_LIMIT : SFLOAT_MANTISSA_MIN;
  const scaled = exponent < 0 ? value * 10 ** -exponent : value / 10 ** exponent;
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  const mantissa = Math.min(limit, Math.max(lowest, rounded)) || 0; // `|| 0` turns −0 into 0
  return { mantissa, exponent, error: Math.abs(scaleByPowerOfTen(mantissa, exponent) - value) };
}

/** 0, 1, −1, 2, −2, … so that a tie goes to the exponent nearest 0 (the positive one first). */
function exponentsNearestZeroFirst(): number[] {
  const exponents = [0];
  for (let step = 1; step <= Math.max(SFLOAT_EXPONENT_MAX, -SFLOAT_EXPONENT_MIN); step++) {
    if (step <= SFLOAT_EXPONENT_MAX) exponents.push(step);
    if (-step >= SFLOAT_EXPONENT_MIN) exponents.push(-step);
  }
  return exponents;
}

function specialWord(special: string): number {
  if (!Object.prototype.hasOwnProperty.call(SFLOAT_SPECIAL_WORDS, special)) {
    throw new RangeError(`${JSON.stringify(special)} is not an SFLOAT special value (${Object.keys(SFLOAT_SPECIAL_WORDS).join(', ')})`);
  }
  return SFLOAT_SPECIAL_WORDS[special as SfloatSpecial];
}

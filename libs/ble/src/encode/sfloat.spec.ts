import { decodeSfloat, SFLOAT_SPECIAL_WORDS } from '../ieee11073/sfloat';
import { encodeSfloat } from './sfloat';

describe('encodeSfloat', () => {
  it.each([
    [98, 0x0062], // mantissa 98, exponent 0 (no padding digits)
    [10.1, 0xf065], // 101 × 10⁻¹ (Nordic DataTest)
    [36.4, 0xf16c],
    [100, 0x0064],
    [0, 0x0000],
    [-0, 0x0000],
    [-1, 0x0fff],
    [0.5, 0xf005],
    [8.7, 0xf057],
    [5070, 0x11fb], // 507 × 10¹ (sdk-nrf)
    [-5070, 0x1e05],
    [96100, 0x23c1],
    [0.000001, 0xa001], // 1 × 10⁻⁶
    [20470000000, 0x77ff], // largest finite (docs/ble-gatt.md §1.1)
    [-20480000000, 0x7800], // smallest finite
    [2045, 0x07fd],
    [-2045, 0x0803],
  ])('encodes %p as 0x%s', (value, word) => {
    expect(encodeSfloat(value).toString(16)).toBe(word.toString(16));
  });

  it.each(Object.entries(SFLOAT_SPECIAL_WORDS))('encodes the special %s', (special, word) => {
    expect(encodeSfloat(special as keyof typeof SFLOAT_SPECIAL_WORDS)).toBe(word);
  });

  it.each([
    [NaN, 0x07ff],
    [Infinity, 0x07fe],
    [-Infinity, 0x0802],
  ])('maps JS %p to its special value', (value, word) => {
    expect(encodeSfloat(value)).toBe(word);
  });

  it.each([
    // With exponent 0 these mantissas are the special words (docs/ble-gatt.md §0.3); sdk-nrf's encoder emits
    // 0x07FF (NaN) for 2047.0 and 0x0800 (NRes) for −2048.0. Ours picks the nearest real number.
    [2046, 2045],
    [2047, 2045],
    [-2046, -2045],
    [-2047, -2045],
    [-2048, -2050],
    [2048, 2050],
    [-2048.5, -2050],
  ])('never lets %p collide with a special value; sends %p', (value, sent) => {
    const word = encodeSfloat(value);
    expect(Object.values(SFLOAT_SPECIAL_WORDS)).not.toContain(word);
    expect(decodeSfloat(word).value).toBe(sent);
  });

  it.each([
    // sdk-nrf tests/lib/sfloat "Rounding up or down" and "Low/High values": same value, maybe a shorter mantissa.
    [105.899, 105.9],
    [-105.899, -105.9],
    [197.85, 197.9],
    [-197.85, -197.9],
    [153.249, 153.2],
    [171.601, 171.6],
    [0.000678, 0.000678],
    [-0.00123, -0.00123],
    [0.0475, 0.0475],
    [0.00000101, 0.00000101],
    [0.000001001, 0.000001],
    [20469000000, 20470000000],
    [-20479000000, -20480000000],
    [20470010000, 20470000000],
    [97.25, 97.3],
    [1 / 3, 0.333], // 3333 does not fit 12 bits
  ])('rounds %p to the nearest SFLOAT, %p', (value, sent) => {
    expect(decodeSfloat(encodeSfloat(value)).value).toBe(sent);
  });

  it.each([2.0475e10, 3e10, -2.0485e10, 1e-9, -4e-9, Number.MIN_VALUE])('throws RangeError for %p', (value) => {
    expect(() => encodeSfloat(value)).toThrow(RangeError);
  });

  it('throws RangeError for an unknown special name', () => {
    expect(() => encodeSfloat('Infinity' as never)).toThrow(/not an SFLOAT special value/);
  });

  it('encodes every finite SFLOAT value back to the same value (exhaustive over all 65536 words)', () => {
    const specials = new Set(Object.values(SFLOAT_SPECIAL_WORDS));
    const mismatches: string[] = [];
    for (let word = 0; word <= 0xffff; word++) {
      if (specials.has(word)) continue;
      const { value } = decodeSfloat(word);
      if (value === null) throw new Error(`0x${word.toString(16)} decoded as special`);
      const again = decodeSfloat(encodeSfloat(value)).value;
      if (again !== value) mismatches.push(`0x${word.toString(16)}: ${value} → ${again}`);
    }
    expect(mismatches).toEqual([]);
  });
});

import { decodeFloat } from './float';

describe('decodeFloat', () => {
  it.each([
    // Nordic DataTest.setValue_FLOAT_hex: wire 87 D6 12 FE (docs/ble-gatt.md §1.2)
    [0xfe12d687, 12345.67],
    [0x00000000, 0],
    [0x00000062, 98],
    [0xff00016d, 36.5],
    [0x00ffffff, -1],
    [0x7f7fffff, 8388607e127],
    [0x7f800000, -8388608e127],
    [0x80000001, 1e-128],
    // Mantissa at the special positions but a non-zero exponent is a number
    [0x017fffff, 83886070],
    [0xff800000, -838860.8],
  ])('word %p decodes to %p', (word, value) => {
    expect(decodeFloat(word)).toEqual({ value });
  });

  it.each([
    [0x007fffff, 'NaN'],
    [0x00800000, 'NRes'],
    [0x007ffffe, '+INFINITY'],
    [0x00800002, '-INFINITY'],
    [0x00800001, 'Reserved'],
  ])('recognises the whole word %p as %s', (word, special) => {
    expect(decodeFloat(word)).toEqual({ value: null, special });
  });

  it.each([-1, 0x100000000])('rejects a word outside 32 bits: %p', (word) => {
    expect(() => decodeFloat(word)).toThrow(RangeError);
  });
});

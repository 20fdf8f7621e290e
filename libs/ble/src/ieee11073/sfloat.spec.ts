import { decodeSfloat } from './sfloat';

describe('decodeSfloat', () => {
  it.each([
    // Nordic Android-BLE-Library DataTest.setValue_SFLOAT_hex (docs/ble-gatt.md §0.2)
    [0xf065, 10.1],
    // docs/ble-gatt.md §1.1: 0xF16C = 364 × 10⁻¹
    [0xf16c, 36.4],
    // SpeziBluetooth PLXTests: 100 % and 90 bpm as encoded with exponent −1
    [0xf3e8, 100],
    [0xf384, 90],
    // SpeziBluetooth PLXTests: pulse amplitude index 8.9 with exponent −2
    [0xe37a, 8.9],
    // sdk-nrf tests/lib/sfloat vectors (encoder side; values checked back here)
    [0xa2a6, 0.000678],
    [0xad5a, -0.000678],
    [0xc1db, 0.0475],
    [0xd33b, 0.827],
    [0xe113, 2.75],
    [0xeeed, -2.75],
    [0x0187, 391],
    [0x0e79, -391],
    [0x11fb, 5070],
    [0x23c1, 96100],
    [0x43b7, 9510000],
    [0x4c49, -9510000],
    [0x8064, 0.000001],
    [0x8f9c, -0.000001],
    // Largest and smallest finite values (docs/ble-gatt.md §1.1)
    [0x77ff, 20470000000],
    [0x7800, -20480000000],
    // Mantissa 0x7FF / 0x800 with a non-zero exponent is an ordinary number (docs/ble-gatt.md §1.1)
    [0x17ff, 20470],
    [0xf800, -204.8],
    [0xf801, -204.7],
    [0xf7fe, 204.6],
    // Plain small integers and zero
    [0x0062, 98],
    [0x0000, 0],
    [0xf000, 0],
    [0x0fff, -1],
  ])('word %p decodes to %p', (word, value) => {
    expect(decodeSfloat(word)).toEqual({ value });
  });

  it.each([
    [0x07ff, 'NaN'],
    [0x0800, 'NRes'], // not −2048 (docs/ble-gatt.md §0.3)
    [0x0801, 'Reserved'], // not −2047
    [0x07fe, '+INFINITY'], // not 2046
    [0x0802, '-INFINITY'], // not −2046
  ])('recognises the whole word %p as %s', (word, special) => {
    expect(decodeSfloat(word)).toEqual({ value: null, special });
  });

  it('gives 10.1 exactly for 0xF065, not 10.100000000000001 (division, docs/ble-gatt.md §0.4)', () => {
    expect(decodeSfloat(0xf065).value).toBe(10.1);
    expect(Object.is(decodeSfloat(0xf000).value, 0)).toBe(true);
  });

  it.each([-1, 0x10000, 1.5])('rejects a word outside 16 bits: %p', (word) => {
    expect(() => decodeSfloat(word)).toThrow(RangeError);
  });
});

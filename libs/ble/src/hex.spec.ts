import { BleDecodeError, InvalidHexError } from './errors';
import { bytesToHex, hexToBytes } from './hex';

describe('hexToBytes', () => {
  it.each([
    ['1e8a00', [0x1e, 0x8a, 0x00]],
    ['1E8A00', [0x1e, 0x8a, 0x00]],
    ['0x1E8A00', [0x1e, 0x8a, 0x00]],
    ['1e 8a 00', [0x1e, 0x8a, 0x00]],
    ['1E:8A:00', [0x1e, 0x8a, 0x00]],
    ['1e-8a-00', [0x1e, 0x8a, 0x00]],
    ['1e8a 00', [0x1e, 0x8a, 0x00]],
    ['  1e  8a\t00 \n', [0x1e, 0x8a, 0x00]],
    ['ff', [0xff]],
  ])('reads %j', (hex, expected) => {
    expect(Array.from(hexToBytes(hex))).toEqual(expected);
  });

  it.each([
    ['', /no hex digits/],
    ['   ', /no hex digits/],
    ['0x', /no hex digits/],
    ['1e8', /odd number of hex digits \(3\)/],
    ['1e8g', /"g" is not a hex digit/],
    ['1e,8a', /"," is not a hex digit/],
    ['1 e8a', /separator splits a byte/],
    [':1e:8a', /not at the start or end/],
    ['1e-8a-', /not at the start or end/],
    ['0x 1e', /not at the start or end/],
  ])('rejects %j', (hex, reason) => {
    const attempt = () => hexToBytes(hex);
    expect(attempt).toThrow(InvalidHexError);
    expect(attempt).toThrow(reason);
  });

  it('reports bad hex as a decode error of the field "hex"', () => {
    try {
      hexToBytes('zz');
      throw new Error('expected hexToBytes to throw');
    } catch (error) {
      expect(error).toBeInstanceOf(BleDecodeError);
      expect((error as BleDecodeError).field).toBe('hex');
    }
  });
});

describe('bytesToHex', () => {
  it('writes lowercase pairs without separators', () => {
    expect(bytesToHex(Uint8Array.of(0x00, 0x0a, 0xff, 0x1e))).toBe('000aff1e');
    expect(bytesToHex(new Uint8Array())).toBe('');
  });

  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Array.from(hexToBytes(bytesToHex(all)))).toEqual(Array.from(all));
  });
});

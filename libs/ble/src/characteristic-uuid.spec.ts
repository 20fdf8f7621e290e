import { parseCharacteristicId } from './characteristic-uuid';
import { CHARACTERISTICS } from './characteristics';
import { decodeCharacteristic } from './decode-characteristic';
import { BleDecodeError, UnknownCharacteristicError } from './errors';

describe('parseCharacteristicId', () => {
  it.each([
    '2A5F',
    '2a5f',
    '0x2A5F',
    '0X2a5f',
    '00002a5f-0000-1000-8000-00805f9b34fb',
    '00002A5F-0000-1000-8000-00805F9B34FB',
    '  2a5f ',
  ])('reads %j as 0x2A5F', (input) => {
    expect(parseCharacteristicId(input)).toBe('0x2A5F');
  });

  it('knows every registered characteristic by its canonical id', () => {
    for (const id of Object.keys(CHARACTERISTICS)) expect(parseCharacteristicId(id)).toBe(id);
  });

  it('rejects a well-formed UUID with no decoder and lists what is supported', () => {
    expect(() => parseCharacteristicId('2A18')).toThrow(UnknownCharacteristicError);
    expect(() => parseCharacteristicId('2A18')).toThrow(
      /no decoder for 0x2A18; supported: 0x2A08 Date Time, 0x2A35 Blood Pressure Measurement, .*0x2A60 PLX Features/,
    );
  });

  it('rejects a vendor-specific 128-bit UUID with its own reason', () => {
    expect(() => parseCharacteristicId('6e400003-b5a3-f393-e0a9-e50e24dcca9e')).toThrow(/vendor-specific 128-bit UUID/);
  });

  it.each(['', 'spo2', '2A5', '2A5FF', '0x', '00002a5f-0000-1000-8000-00805f9b34fc'])('rejects %j', (input) => {
    expect(() => parseCharacteristicId(input)).toThrow(UnknownCharacteristicError);
  });
});

describe('decodeCharacteristic', () => {
  it('checks the characteristic before the hex', () => {
    expect(() => decodeCharacteristic('2A18', 'zz')).toThrow(UnknownCharacteristicError);
  });

  it('reports bad hex as a BleDecodeError on the field "hex"', () => {
    for (const hex of ['', '0', '0g', '006']) {
      try {
        decodeCharacteristic('2A5F', hex);
        throw new Error(`expected ${JSON.stringify(hex)} to be rejected`);
      } catch (error) {
        expect(error).toBeInstanceOf(BleDecodeError);
        expect((error as BleDecodeError).field).toBe('hex');
      }
    }
  });
});

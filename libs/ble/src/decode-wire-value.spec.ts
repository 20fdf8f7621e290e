import { decodeWireValue } from './decode-wire-value';
import { BleDecodeError, UnknownCharacteristicError } from './errors';

describe('decodeWireValue', () => {
  it.each([
    ['sfloat', '65f0', { value: 10.1 }],
    ['SFLOAT', '6cf1', { value: 36.4 }],
    ['sfloat', '0008', { value: null, special: 'NRes' }],
    ['sfloat', '0108', { value: null, special: 'Reserved' }],
    ['sfloat', 'ff07', { value: null, special: 'NaN' }],
    ['sfloat', 'ff77', { value: 20470000000 }],
    ['sfloat', '0078', { value: -20480000000 }],
    ['float', '87d612fe', { value: 12345.67 }],
    ['Float', 'ffff7f00', { value: null, special: 'NaN' }],
    ['float', '02008000', { value: null, special: '-INFINITY' }],
  ])('decodes %s %s (wire order, LSB first)', (type, hex, expected) => {
    expect(decodeWireValue(type, hex)).toEqual(expected);
  });

  it('decodes a characteristic given in any accepted form', () => {
    expect(decodeWireValue('0x2A5F', '0062004800')).toMatchObject({ characteristic: '0x2A5F', spo2: 98, pulseRate: 72 });
  });

  it.each([
    ['sfloat', '65', 'SFLOAT needs exactly 2 bytes (LSB first), got 1'],
    ['sfloat', '65f000', 'SFLOAT needs exactly 2 bytes (LSB first), got 3'],
    ['float', '87d612', 'FLOAT needs exactly 4 bytes (LSB first), got 3'],
  ])('rejects %s with the wrong size: %s', (type, hex, message) => {
    expect(() => decodeWireValue(type, hex)).toThrow(new BleDecodeError(message, { field: 'hex' }));
  });

  it('rejects an unknown type as an unknown characteristic', () => {
    expect(() => decodeWireValue('double', '00')).toThrow(UnknownCharacteristicError);
  });
});

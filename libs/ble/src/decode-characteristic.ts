import { parseCharacteristicId } from './characteristic-uuid';
import { CHARACTERISTICS, type CharacteristicId, type DecodedCharacteristic } from './characteristics';
import { FieldReader } from './decode/field-reader';
import { hexToBytes } from './hex';

/**
 * Decodes a characteristic value as a gateway forwards it: the characteristic as `2A5F`, `0x2A5F`
 * or its full 128-bit UUID, and the value as hex in wire order (LSB first).
 *
 * @throws UnknownCharacteristicError when the UUID is malformed or has no decoder.
 * @throws BleDecodeError (`.field` names the field) when the hex is bad, the value is shorter than
 *   its flags require, or a field holds a value the specification does not allow.
 */
export function decodeCharacteristic(characteristic: string, hex: string): DecodedCharacteristic {
  const id = parseCharacteristicId(characteristic);
  return decodeCharacteristicBytes(id, hexToBytes(hex));
}

/**
 * Decodes raw bytes of a known characteristic. Bytes after the last field the flags announce are
 * ignored: later specification versions append fields (docs/ble-gatt.md §5).
 */
export function decodeCharacteristicBytes(id: CharacteristicId, bytes: Uint8Array): DecodedCharacteristic {
  const { name, decode } = CHARACTERISTICS[id];
  const body = decode(new FieldReader(bytes, { id, name }));
  // TypeScript cannot correlate `id` with its decoder's return type through the registry lookup;
  // the registry's mapped type guarantees the pairing.
  return { characteristic: id, name, ...body } as DecodedCharacteristic;
}

import type { DecodedCharacteristic } from './characteristics';
import { decodeCharacteristic } from './decode-characteristic';
import { BleDecodeError } from './errors';
import { hexToBytes } from './hex';
import { decodeFloat } from './ieee11073/float';
import { decodeSfloat } from './ieee11073/sfloat';
import type { MedicalFloat } from './ieee11073/special-value';

export type DecodedWireValue = MedicalFloat | DecodedCharacteristic;

/**
 * What `vigil decode <type> <hex>` decodes: `sfloat` (exactly 2 bytes), `float` (exactly 4 bytes),
 * or a characteristic in any form {@link decodeCharacteristic} accepts. A lone number has no flags
 * and no room for future fields, so extra bytes there are a mistake (e.g. a FLOAT given as SFLOAT).
 */
export function decodeWireValue(type: string, hex: string): DecodedWireValue {
  switch (type.trim().toLowerCase()) {
    case 'sfloat':
      return decodeSfloat(readLittleEndianWord(hex, 2, 'SFLOAT'));
    case 'float':
      return decodeFloat(readLittleEndianWord(hex, 4, 'FLOAT'));
    default:
      return decodeCharacteristic(type, hex);
  }
}

function readLittleEndianWord(hex: string, size: number, typeName: string): number {
  const bytes = hexToBytes(hex);
  if (bytes.length !== size) {
    throw new BleDecodeError(`${typeName} needs exactly ${size} bytes (LSB first), got ${bytes.length}`, { field: 'hex' });
  }
  // Multiplication rather than `<<`, which would turn a 32-bit word with the top bit set negative.
  return bytes.reduceRight((word, byte) => word * 256 + byte, 0);
}

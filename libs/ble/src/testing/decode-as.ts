import type { CharacteristicId, DecodedCharacteristicOf } from '../characteristics';
import { decodeCharacteristicBytes } from '../decode-characteristic';
import { hexToBytes } from '../hex';

/** Decodes `hex` as characteristic `id` and narrows the result to that characteristic's shape. */
export function decodeAs<Id extends CharacteristicId>(id: Id, hex: string | Uint8Array): DecodedCharacteristicOf<Id> {
  const decoded = decodeCharacteristicBytes(id, typeof hex === 'string' ? hexToBytes(hex) : hex);
  if (decoded.characteristic !== id) throw new Error(`decoded as ${decoded.characteristic}, expected ${id}`);
  return decoded as DecodedCharacteristicOf<Id>;
}

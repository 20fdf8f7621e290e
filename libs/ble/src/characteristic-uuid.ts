import { CHARACTERISTICS, type CharacteristicId, isCharacteristicId } from './characteristics';
import { UnknownCharacteristicError } from './errors';

/** `2A5F`, `0x2A5F` (any case). */
const SHORT_UUID = /^(?:0x)?([0-9a-f]{4})$/i;
/**
 * A 16-bit SIG UUID written in full on the Bluetooth Base UUID
 * `0000xxxx-0000-1000-8000-00805f9b34fb` (any case), as BlueZ, Android and Cassia print it.
 */
const BASE_UUID = /^0000([0-9a-f]{4})-0000-1000-8000-00805f9b34fb$/i;
const ANY_128_BIT_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns any accepted spelling of a characteristic UUID into its canonical id (`0x2A5F`), or throws
 * {@link UnknownCharacteristicError} saying what was wrong and what is supported.
 */
export function parseCharacteristicId(characteristic: string): CharacteristicId {
  const text = characteristic.trim();
  const short = SHORT_UUID.exec(text)?.[1] ?? BASE_UUID.exec(text)?.[1];
  if (short === undefined) {
    const reason = ANY_128_BIT_UUID.test(text)
      ? 'a vendor-specific 128-bit UUID (not on the Bluetooth Base UUID) has no standard decoder'
      : 'expected a 16-bit UUID such as 2A5F or 0x2A5F, or 0000xxxx-0000-1000-8000-00805f9b34fb';
    throw new UnknownCharacteristicError(characteristic, `${reason}; ${supportedList()}`);
  }
  const id = `0x${short.toUpperCase()}`;
  if (!isCharacteristicId(id)) {
    throw new UnknownCharacteristicError(characteristic, `no decoder for ${id}; ${supportedList()}`);
  }
  return id;
}

function supportedList(): string {
  const entries = Object.entries(CHARACTERISTICS).map(([id, { name }]) => `${id} ${name}`);
  return `supported: ${entries.join(', ')}`;
}

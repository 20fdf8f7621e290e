import { InvalidHexError } from './errors';

/**
 * Hex text ⇄ bytes, in wire order (the first byte sent comes first).
 *
 * Accepted input, so values can be pasted from any gateway log or nRF Connect:
 * - upper or lower case digits, an optional leading `0x`;
 * - optional separators (whitespace, `:` or `-`) **between bytes only**: `1e8a00`, `1E 8A 00`,
 *   `1e:8a:00`, `1e-8a-00` and `1e8a 00` are the same value, but `1 e8a00` is rejected because the
 *   separator would split a byte.
 * Empty input, an odd number of digits and any other character are errors ({@link InvalidHexError}).
 */
export function hexToBytes(hex: string): Uint8Array {
  const withoutPrefix = hex.trim().replace(/^0x/i, '');
  if (withoutPrefix.length === 0) throw new InvalidHexError('no hex digits', hex);

  const groups = withoutPrefix.split(/[\s:-]+/);
  const digits = groups.join('');
  const badCharacter = /[^0-9a-f]/i.exec(digits);
  if (badCharacter) {
    throw new InvalidHexError(`${JSON.stringify(badCharacter[0])} is not a hex digit`, hex);
  }
  if (digits.length % 2 !== 0) {
    throw new InvalidHexError(`odd number of hex digits (${digits.length}); each byte needs two`, hex);
  }
  if (groups.some((group) => group === '')) {
    throw new InvalidHexError('a separator must stand between two bytes, not at the start or end', hex);
  }
  if (groups.some((group) => group.length % 2 !== 0)) {
    throw new InvalidHexError('a separator splits a byte; separators may only stand between bytes', hex);
  }

  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Lowercase, two digits per byte, no separators: the form Cassia and ESPHome logs use. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

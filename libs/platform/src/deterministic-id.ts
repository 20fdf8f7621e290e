import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from its inputs (name-based, like UUID v5 but with SHA-256), so the same
 * fact always gets the same event id and a retried write is recognised by the store.
 */
export function deterministicId(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.map(String).join('\u001f')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

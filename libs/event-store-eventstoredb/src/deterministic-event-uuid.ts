import { createHash } from 'node:crypto';

// EventStoreDB event ids are UUIDs and Vigil's are strings of its own (docs/identifiers.md), so the
// adapter derives a name-based UUID (RFC 9562 section 5.5, version 5, SHA-1) from stream and id: the
// same event always gets the same UUID, which is what lets the server recognise a retry. Written
// here rather than with a UUID library because it is these few lines over node:crypto.
const VIGIL_NAMESPACE = Buffer.from('6f0c1d3e8a2b4c5d9e7f10a2b3c4d5e6', 'hex');

export function eventUuid(stream: string, id: string): string {
  const bytes = createHash('sha1').update(VIGIL_NAMESPACE).update(`${stream}\u0000${id}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

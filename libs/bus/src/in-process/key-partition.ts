/**
 * The partition of a key in the in-process bus: FNV-1a (32 bit) over the key's UTF-16 code units.
 * Any stable hash keeps one key in one partition, which is all per-key ordering needs; Kafka's
 * clients use murmur2 instead (docs/bus.md), and nothing compares the two.
 */
export function partitionOfKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

// A persistent map from session id to session state with structural sharing: an update copies
// one bucket and the bucket index, not every session, so one reading costs O(sessions / 64)
// instead of O(sessions) while each EngineState stays immutable.
const BUCKET_COUNT = 64;

export type SessionTable<V> = { readonly buckets: readonly (ReadonlyMap<string, V> | undefined)[] };

export const emptySessionTable = <V>(): SessionTable<V> => ({ buckets: new Array(BUCKET_COUNT).fill(undefined) });

function bucketOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return (hash >>> 0) % BUCKET_COUNT;
}

export const getSession = <V>(table: SessionTable<V>, key: string): V | undefined => table.buckets[bucketOf(key)]?.get(key);

export function setSession<V>(table: SessionTable<V>, key: string, value: V): SessionTable<V> {
  const index = bucketOf(key);
  const bucket = new Map(table.buckets[index]);
  bucket.set(key, value);
  const buckets = table.buckets.slice();
  buckets[index] = bucket;
  return { buckets };
}

export function* sessionEntries<V>(table: SessionTable<V>): Generator<[string, V]> {
  for (const bucket of table.buckets) if (bucket) yield* bucket;
}

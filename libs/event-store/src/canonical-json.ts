/**
 * A canonical JSON form: object keys sorted by code unit, no whitespace, numbers as JSON.stringify
 * writes them. Hashes are computed over this, so the same fact hashes the same in SQLite and in
 * EventStoreDB whatever order its keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`cannot hash non-finite number ${value}`);
    if (value === undefined) throw new TypeError('cannot hash undefined');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as object)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

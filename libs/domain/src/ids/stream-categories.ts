/**
 * Every kind of stream in the store, with the prefix its name starts with. Stream names must be
 * injective (docs/identifiers.md): `device-binding-` starts with `device-`, so a device id may not
 * start with `binding-`, or the device stream of `binding-X` would be the binding stream of `X`.
 * That reservation is derived from this table (see reservedIdPrefixes), so a category added here
 * is protected without another edit.
 */
export const STREAM_CATEGORIES = {
  /** A session's staff commands; written by the sessions module (docs/streams.md). */
  session: { prefix: 'session-', idKind: 'sessionId' },
  /** A session's accepted readings; written by ingest. */
  vitals: { prefix: 'vitals-', idKind: 'sessionId' },
  /** A session's alarm lifecycle and acknowledgements; written by alerting. */
  alarms: { prefix: 'alarms-', idKind: 'sessionId' },
  device: { prefix: 'device-', idKind: 'deviceId' },
  deviceBinding: { prefix: 'device-binding-', idKind: 'deviceId' },
} as const;

export type StreamCategory = keyof typeof STREAM_CATEGORIES;
export type StreamIdKind = (typeof STREAM_CATEGORIES)[StreamCategory]['idKind'];

/**
 * For a category whose prefix is a proper prefix of another's, the start of an id that would
 * reach into the other category (`device-` + `binding-…` = `device-binding-…`).
 */
export function reservedIdPrefixes(idKind: string): readonly string[] {
  return RESERVED.get(idKind) ?? [];
}

// Derived once: every reading's device id is checked against it on the ingest path.
const RESERVED: ReadonlyMap<string, readonly string[]> = (() => {
  const categories = Object.values(STREAM_CATEGORIES);
  const reserved = new Map<string, string[]>();
  for (const own of categories) {
    const prefixes = categories.filter((other) => other.prefix !== own.prefix && other.prefix.startsWith(own.prefix)).map((other) => other.prefix.slice(own.prefix.length));
    reserved.set(own.idKind, [...(reserved.get(own.idKind) ?? []), ...prefixes]);
  }
  return reserved;
})();

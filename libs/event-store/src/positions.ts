/**
 * A place in the global log (docs/event-store.md "Positions"). Opaque: each adapter defines its
 * encoding (SQLite and the in-memory store an integer, PostgreSQL a transaction/sequence pair,
 * EventStoreDB its commit/prepare pair). Consumers keep positions as they got them, store them as
 * strings and compare them only with the store's `comparePositions`; nothing outside an adapter
 * does arithmetic on one.
 */
export type LogPosition = string & { readonly __logPosition: unique symbol };

/** The position before the first event, in every adapter: `afterPosition: LOG_START` reads from the start. */
export const LOG_START = '' as LogPosition;

export class InvalidPositionError extends Error {
  constructor(readonly position: string, expected: string) {
    super(`"${position}" is not a position of this store (expected ${expected})`);
    this.name = 'InvalidPositionError';
  }
}

/** Reads a checkpoint that was saved as a string; the store's comparator validates it when used. */
export function positionFromString(text: string): LogPosition {
  return text as LogPosition;
}

/**
 * The integer codec, for adapters whose log is one counter (SQLite, in-memory). Only adapters use
 * it; the number never leaves them.
 */
export const integerPositions = {
  encode(value: number): LogPosition {
    return (value <= 0 ? LOG_START : String(value)) as LogPosition;
  },
  decode(position: LogPosition): number {
    if (position === LOG_START) return 0;
    if (!/^[1-9][0-9]{0,15}$/.test(position)) throw new InvalidPositionError(position, 'a log sequence number');
    return Number(position);
  },
  compare(a: LogPosition, b: LogPosition): number {
    return Math.sign(integerPositions.decode(a) - integerPositions.decode(b));
  },
};

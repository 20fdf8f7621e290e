import { InvalidPositionError, LOG_START, type LogPosition } from '@vigil/event-store';

/** EventStoreDB's place in its transaction log: where the commit and the prepare record are (docs/event-store.md "EventStoreDB"). */
export type EsdbPosition = { commit: bigint; prepare: bigint };

// Fixed-width hex, so that equal positions are equal strings and a position read back from a
// checkpoint is recognised exactly; the order still comes from `compareEsdbPositions` only.
const PATTERN = /^([0-9a-f]{16}):([0-9a-f]{16})$/;
const MAX = (1n << 64n) - 1n;

/** Encodes a server position as the port's opaque `LogPosition` ("commit:prepare", 16 hex digits each). */
export function encodeEsdbPosition(position: EsdbPosition): LogPosition {
  if (position.commit < 0n || position.prepare < 0n || position.commit > MAX || position.prepare > MAX) {
    throw new RangeError(`EventStoreDB position ${position.commit}/${position.prepare} is outside 0..2^64-1`);
  }
  return `${position.commit.toString(16).padStart(16, '0')}:${position.prepare.toString(16).padStart(16, '0')}` as LogPosition;
}

/** The server position a `LogPosition` names; undefined for LOG_START (before every event). */
export function decodeEsdbPosition(position: LogPosition): EsdbPosition | undefined {
  if (position === LOG_START) return undefined;
  const match = PATTERN.exec(position);
  if (!match) throw new InvalidPositionError(position, 'an EventStoreDB commit:prepare pair of 16 hex digits each');
  return { commit: BigInt(`0x${match[1]}`), prepare: BigInt(`0x${match[2]}`) };
}

/**
 * Log order: by commit position, then by prepare position (events of one transaction share a
 * commit position; EventStoreDB orders $all the same way).
 */
export function compareEsdbPositions(a: LogPosition, b: LogPosition): number {
  const left = decodeEsdbPosition(a);
  const right = decodeEsdbPosition(b);
  if (!left || !right) return left ? 1 : right ? -1 : 0;
  if (left.commit !== right.commit) return left.commit < right.commit ? -1 : 1;
  if (left.prepare !== right.prepare) return left.prepare < right.prepare ? -1 : 1;
  return 0;
}

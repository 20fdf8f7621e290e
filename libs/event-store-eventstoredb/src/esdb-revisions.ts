import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision } from '@eventstore/db-client';
import type { ExpectedRevision } from '@vigil/event-store';

/**
 * The port's expected revision as EventStoreDB's (docs/event-store.md "EventStoreDB"). Both count
 * a stream's events from 0, so a number maps to the same event number. The adapter's appends send
 * only `no_stream` or an exact number (it chains hashes onto the head it read, and checks the
 * caller's expectation against that head itself); the whole mapping is stated, and tested, here.
 */
export function esdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no-stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/** The revision the adapter appends at: exactly after the head it chained onto, or a new stream. */
export function exactRevisionAfter(head: { revision: number } | undefined): AppendExpectedRevision {
  return esdbExpectedRevision(head ? head.revision : 'no-stream');
}

/** An event number from the server as the port's revision (a plain number: docs/event-store.md "The port"). */
export function portRevision(revision: bigint): number {
  if (revision > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`stream revision ${revision} is beyond what the port counts exactly`);
  return Number(revision);
}

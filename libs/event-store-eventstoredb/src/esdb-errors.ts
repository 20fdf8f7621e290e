import { ErrorType, isCommandError } from '@eventstore/db-client';
import { InvalidAppendError, StoreUnavailableError } from '@vigil/event-store';

/** The server's "the stream is not at the revision you sent": the adapter's head was stale. */
export function isWrongExpectedVersion(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION;
}

/** Reading a stream that was never written: the port answers an empty list, not an error. */
export function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND;
}

/**
 * The client's errors in the port's terms (docs/event-store.md "EventStoreDB"): a server that
 * cannot be reached or does not answer in time is an outage (StoreUnavailableError, answered with
 * 503 like a full disk), an append over the server's size limit is the caller's InvalidAppendError;
 * anything else passes through as it came.
 */
export function translateEsdbError(error: unknown, stream: string): unknown {
  if (!(error instanceof Error) || !isCommandError(error)) return error;
  switch (error.type) {
    case ErrorType.UNAVAILABLE:
    case ErrorType.DEADLINE_EXCEEDED:
    case ErrorType.NOT_LEADER:
      return new StoreUnavailableError('io-error', `EventStoreDB: ${error.message}`);
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
      return new InvalidAppendError(stream, `the append is larger than the server's maximum append size (${error.message})`);
    default:
      return error;
  }
}

import { DeadlineExceededError, MaxAppendSizeExceededError, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { InvalidAppendError, StoreUnavailableError } from '@vigil/event-store';
import { isStreamNotFound, isWrongExpectedVersion, translateEsdbError } from './esdb-errors';

// The client's errors are built as the client builds them when it has no gRPC error to wrap.
const wrongVersion = () => new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n } as never);
const unavailable = () => new (UnavailableError as unknown as new (error: undefined, message: string) => Error)(undefined, 'connect ECONNREFUSED 127.0.0.1:2113');

describe("EventStoreDB client errors in the port's terms", () => {
  it('tells a stale head and a missing stream from everything else', () => {
    expect(isWrongExpectedVersion(wrongVersion())).toBe(true);
    expect(isWrongExpectedVersion(unavailable())).toBe(false);
    expect(isWrongExpectedVersion(new Error('wrong expected version'))).toBe(false);
    expect(isStreamNotFound(new StreamNotFoundError(undefined as never, 'vitals-x'))).toBe(true);
    expect(isStreamNotFound(wrongVersion())).toBe(false);
    expect(isStreamNotFound('not an error')).toBe(false);
  });

  it('answers an unreachable or silent server as an outage, naming the cause', () => {
    const translated = translateEsdbError(unavailable(), 'vitals-x');
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect((translated as Error).message).toMatch(/cannot record: I\/O error \(EventStoreDB: connect ECONNREFUSED 127\.0\.0\.1:2113\)/);
    const late = new (DeadlineExceededError as unknown as new (error: undefined, message: string) => Error)(undefined, 'deadline exceeded');
    expect(translateEsdbError(late, 'vitals-x')).toBeInstanceOf(StoreUnavailableError);
  });

  it("answers an append over the server's size limit as the caller's invalid append, naming the stream", () => {
    const translated = translateEsdbError(MaxAppendSizeExceededError.fromMaxAppendSize(1024), 'vitals-x');
    expect(translated).toBeInstanceOf(InvalidAppendError);
    expect((translated as Error).message).toMatch(/^stream vitals-x: the append is larger than the server's maximum append size/);
  });

  it('passes anything else through as it came', () => {
    const other = new Error('boom');
    expect(translateEsdbError(other, 's')).toBe(other);
    const stale = wrongVersion();
    expect(translateEsdbError(stale, 's')).toBe(stale);
  });
});

import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { esdbExpectedRevision, exactRevisionAfter, portRevision } from './esdb-revisions';

describe("the port's revisions on EventStoreDB", () => {
  it.each([
    ['no-stream', NO_STREAM],
    ['exists', STREAM_EXISTS],
    ['any', ANY],
    [0, 0n],
    [41, 41n],
  ] as const)('maps expected revision %j to %p', (port, server) => {
    expect(esdbExpectedRevision(port)).toBe(server);
  });

  it('appends right after the head it chained onto, or to a new stream', () => {
    expect(exactRevisionAfter(undefined)).toBe(NO_STREAM);
    expect(exactRevisionAfter({ revision: 0 })).toBe(0n);
    expect(exactRevisionAfter({ revision: 9 })).toBe(9n);
  });

  it('reads event numbers as plain revisions, refusing one it cannot count exactly', () => {
    expect(portRevision(0n)).toBe(0);
    expect(portRevision(12345n)).toBe(12345);
    expect(() => portRevision(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(/beyond what the port counts exactly/);
  });
});

import { InvalidPositionError, LOG_START, positionFromString } from '@vigil/event-store';
import { compareEsdbPositions, decodeEsdbPosition, encodeEsdbPosition } from './esdb-positions';

describe('EventStoreDB positions as opaque log positions', () => {
  it('encodes commit and prepare as fixed-width hex and reads them back', () => {
    const position = encodeEsdbPosition({ commit: 4242n, prepare: 4100n });
    expect(position).toBe('0000000000001092:0000000000001004');
    expect(decodeEsdbPosition(position)).toEqual({ commit: 4242n, prepare: 4100n });
    const largest = { commit: (1n << 64n) - 1n, prepare: (1n << 63n) + 5n };
    expect(decodeEsdbPosition(encodeEsdbPosition(largest))).toEqual(largest);
  });

  it('orders by commit position, then by prepare position', () => {
    const at = (commit: bigint, prepare: bigint) => encodeEsdbPosition({ commit, prepare });
    expect(compareEsdbPositions(at(10n, 5n), at(11n, 1n))).toBe(-1);
    expect(compareEsdbPositions(at(11n, 1n), at(10n, 5n))).toBe(1);
    expect(compareEsdbPositions(at(10n, 5n), at(10n, 7n))).toBe(-1);
    expect(compareEsdbPositions(at(10n, 7n), at(10n, 7n))).toBe(0);
    // Beyond 2^53: compared as the integers they are, not as rounded numbers.
    expect(compareEsdbPositions(at((1n << 60n) + 1n, 0n), at(1n << 60n, 0n))).toBe(1);
  });

  it('puts LOG_START before every event, and level with itself', () => {
    const first = encodeEsdbPosition({ commit: 0n, prepare: 0n });
    expect(compareEsdbPositions(LOG_START, first)).toBe(-1);
    expect(compareEsdbPositions(first, LOG_START)).toBe(1);
    expect(compareEsdbPositions(LOG_START, LOG_START)).toBe(0);
    expect(decodeEsdbPosition(LOG_START)).toBeUndefined();
  });

  it.each(['42', '10:5', '0000000000001092:000000000000100', '0000000000001092-0000000000001004', '000000000000109G:0000000000001004', ' 0000000000001092:0000000000001004'])(
    'refuses %j, which is not one of its positions, naming the expected form',
    (text) => {
      expect(() => compareEsdbPositions(positionFromString(text), LOG_START)).toThrow(InvalidPositionError);
      expect(() => decodeEsdbPosition(positionFromString(text))).toThrow(/EventStoreDB commit:prepare pair/);
    },
  );

  it('refuses a server position outside 64 bits', () => {
    expect(() => encodeEsdbPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodeEsdbPosition({ commit: 1n << 64n, prepare: 0n })).toThrow(/outside/);
  });
});

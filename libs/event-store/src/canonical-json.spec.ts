import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('drops undefined members as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %p, which JSON cannot carry', (value) => {
    expect(() => canonicalJson({ spo2: value })).toThrow(/non-finite/);
  });
});

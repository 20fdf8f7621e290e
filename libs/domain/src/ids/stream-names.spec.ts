import fc from 'fast-check';
import { idProblem, InvalidIdError, isValidId, type IdKind } from './ids';
import { STREAM_CATEGORIES, type StreamCategory } from './stream-categories';
import { parseStreamName, sessionIdOfStream, streamName } from './stream-names';

const CATEGORIES = Object.keys(STREAM_CATEGORIES) as StreamCategory[];
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const PREFIX_WORDS = CATEGORIES.flatMap((category) => {
  const prefix = STREAM_CATEGORIES[category].prefix;
  return [prefix, prefix.slice(0, -1), prefix.replace(/-$/, '')];
});

/** Ids made of the allowed alphabet, every category prefix, its parts, and Object.prototype's names. */
const idLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PREFIX_WORDS, ...PROTOTYPE_NAMES, 'binding-', 'binding', '-', '.', ':', '_'),
      fc.stringMatching(/^[A-Za-z0-9._:-]{1,8}$/),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join(''));

describe('stream names are injective', () => {
  it('every stream name maps back to exactly the (category, id) that made it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CATEGORIES), idLike, (category, id) => {
        const kind = STREAM_CATEGORIES[category].idKind;
        if (!isValidId(kind, id)) {
          expect(() => streamName(category, id)).toThrow(InvalidIdError);
          return;
        }
        expect(parseStreamName(streamName(category, id))).toEqual({ category, id });
      }),
      { numRuns: 20_000 },
    );
  });

  it('no two (category, id) pairs share a stream name', () => {
    const owners = new Map<string, string>();
    fc.assert(
      fc.property(fc.constantFrom(...CATEGORIES), idLike, (category, id) => {
        if (!isValidId(STREAM_CATEGORIES[category].idKind, id)) return;
        const name = streamName(category, id);
        const owner = `${category}:${id}`;
        expect(owners.get(name) ?? owner).toBe(owner);
        owners.set(name, owner);
      }),
      { numRuns: 20_000 },
    );
  });

  it('a device id cannot reach into the binding streams (device-binding-X)', () => {
    expect(idProblem('deviceId', 'binding-ox-1')).toBe('deviceId must not start with "binding-" (reserved for another kind of record)');
    expect(() => streamName('device', 'binding-ox-1')).toThrow(InvalidIdError);
    expect(parseStreamName('device-binding-ox-1')).toEqual({ category: 'deviceBinding', id: 'ox-1' });
    expect(parseStreamName('device-bindingox')).toEqual({ category: 'device', id: 'bindingox' });
  });

  it('a stream no valid id produces is nobody’s', () => {
    expect(parseStreamName('session-')).toBeUndefined();
    expect(parseStreamName('session-a~b')).toBeUndefined();
    expect(parseStreamName('sessions-a')).toBeUndefined();
    expect(sessionIdOfStream('device-session-a')).toBeUndefined();
  });
});

describe('ids named like Object.prototype members are ordinary ids', () => {
  const kinds: IdKind[] = ['sessionId', 'deviceId', 'gatewayId'];
  it.each(PROTOTYPE_NAMES.filter((name) => /^[A-Za-z0-9._:_-]+$/.test(name)))('%s', (name) => {
    for (const kind of kinds) expect(idProblem(kind, name)).toBeUndefined();
    expect(parseStreamName(streamName('session', name))).toEqual({ category: 'session', id: name });
  });

  it('non-strings and the empty string are refused with the field named', () => {
    for (const value of [undefined, null, 7, {}, [], '']) expect(idProblem('sessionId', value)).toBe('sessionId must be 1-64 letters, digits, - or _');
  });
});

import { JsonBodyError, MAX_JSON_DEPTH, jsonNestingDepth, parseJsonBody } from './json-body-parser';

const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('the request-body JSON parser', () => {
  it.each([100, 1_000, 5_000, 50_000, 100_000])('refuses %i levels of arrays and of objects with a 400 naming the limit', (depth) => {
    for (const text of [nested(depth), nestedObjects(depth), `{"readings":${nested(depth)}}`]) {
      let error: unknown;
      try {
        parseJsonBody(text);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(JsonBodyError);
      expect(error).toMatchObject({ statusCode: 400, message: `the JSON body is nested more than ${MAX_JSON_DEPTH} levels deep` });
    }
  });

  it('accepts nesting up to the limit, and brackets inside strings do not count', () => {
    expect(parseJsonBody(nested(MAX_JSON_DEPTH))).toBeDefined();
    expect(jsonNestingDepth(`{"text":"${'['.repeat(1000)}\\"{"}`)).toBe(1);
    expect(parseJsonBody(`{"text":"${'['.repeat(1000)}"}`)).toEqual({ text: '['.repeat(1000) });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key anywhere, however it is spelt', (key) => {
    const escaped = key.replace(/_/g, '\\u005f').replace(/o/g, '\\u006f');
    for (const text of [`{"${key}":{"x":1}}`, `{"a":[{"${key}" : 1}]}`, `{"${escaped}":{"x":1}}`]) {
      expect(() => parseJsonBody(text)).toThrow(expect.objectContaining({ statusCode: 400, field: key }));
    }
  });

  it('keeps a key-like text inside a string value, and plain bodies, as they are', () => {
    expect(parseJsonBody('{"text":"he said \\"constructor\\": no"}')).toEqual({ text: 'he said "constructor": no' });
    expect(parseJsonBody('{"room":"Room 2","n":[1,2,{"x":null}]}')).toEqual({ room: 'Room 2', n: [1, 2, { x: null }] });
  });

  it('answers malformed JSON with a 400 that says so', () => {
    expect(() => parseJsonBody('{"a":')).toThrow(expect.objectContaining({ statusCode: 400, message: expect.stringContaining('the body is not valid JSON') }));
  });
});

import { Type } from '@sinclair/typebox';
import { schemaIssues } from './schema-issues';

// Given a schema and a document, then each problem with its path and a reason a person can act on.
const Limit = Type.Object({ measure: Type.Union([Type.Literal('spo2'), Type.Literal('pulseRate')]), value: Type.Number({ minimum: 0 }) }, { additionalProperties: false });
const Shape = Type.Union([
  Type.Object({ type: Type.Literal('threshold'), limits: Type.Array(Limit, { minItems: 1 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('checkDue'), windowMinutes: Type.Number({ exclusiveMinimum: 0 }) }, { additionalProperties: false }),
]);
const Doc = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z]+$', 'x-must': 'lower-case letters' }),
    shape: Shape,
    spo2: Type.Union([Type.Number({ maximum: 100 }), Type.Null()]),
    note: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
const ok = { id: 'a', shape: { type: 'threshold', limits: [{ measure: 'spo2', value: 90 }] }, spo2: 97 };
const issues = (value: unknown) => schemaIssues(Doc, value).map((issue) => `${issue.path}: ${issue.reason}`);

describe('schemaIssues', () => {
  it('finds nothing in a document that fits', () => expect(issues(ok)).toEqual([]));

  it('names the whole document when it is not an object', () => expect(issues([1])).toEqual(['(root): must be an object, got [1]']));

  it('says "is required" for a missing field, names unknown ones with the allowed list, and uses the schema’s own wording', () =>
    expect(issues({ id: 'A1', shape: ok.shape, extra: 1 })).toEqual([
      'extra: is not a known field (allowed: id, shape, spo2, note)',
      'id: must be lower-case letters, got "A1"',
      'spo2: is required',
    ]));

  it('follows the type of a tagged union into the fields that type allows', () => {
    expect(issues({ ...ok, shape: { type: 'checkDue', windowMinutes: 0, limits: [] } })).toEqual([
      'shape.limits: is not a known field (allowed: type, windowMinutes)',
      'shape.windowMinutes: must be greater than 0, got 0',
    ]);
    expect(issues({ ...ok, shape: { type: 'trend' } })).toEqual(['shape.type: must be one of "threshold", "checkDue", got "trend"']);
    expect(issues({ ...ok, shape: {} })).toEqual(['shape.type: is required']);
  });

  it('names array items by index and lists the choices of a literal union', () =>
    expect(issues({ ...ok, shape: { type: 'threshold', limits: [ok.shape.limits[0], { measure: 'etco2', value: -1 }] } })).toEqual([
      'shape.limits[1].measure: must be one of "spo2", "pulseRate", got "etco2"',
      'shape.limits[1].value: must be at least 0, got -1',
    ]));

  it('says "or null" where null is allowed, and only the range when the number is out of it', () => {
    expect(issues({ ...ok, spo2: '97' })).toEqual(['spo2: must be a number or null, got "97"']);
    expect(issues({ ...ok, spo2: 101 })).toEqual(['spo2: must be at most 100, got 101']);
  });

  it('orders issues by path, numbers numerically', () => {
    const many = Type.Array(Type.Number());
    expect(schemaIssues(many, Array.from({ length: 12 }, () => 'x')).map((issue) => issue.path).slice(0, 3)).toEqual(['[0]', '[1]', '[2]']);
  });
});

import { Type } from '@sinclair/typebox';

// The small schema pieces every event and wire schema is built from, so that "a time", "one of
// these words" and "a number or null" mean the same everywhere (docs/schemas.md).
export const oneOf = <T extends string>(values: readonly T[], options: { 'x-must'?: string; description?: string } = {}) =>
  Type.Union(values.map((value) => Type.Literal(value)), options);
export const Text = Type.String();
export const Time = Type.String({ minLength: 1 });
export const NumberOrNull = Type.Union([Type.Number(), Type.Null()]);
export const strict = { additionalProperties: false } as const;

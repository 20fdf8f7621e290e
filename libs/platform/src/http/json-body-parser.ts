/**
 * Request-body rules that hold before any route sees a body (docs/http-hardening.md):
 * - nesting deeper than MAX_JSON_DEPTH is refused before JSON.parse builds it, so no deep value can
 *   overflow a recursive walker later (class-transformer, the validator, error formatting);
 * - `__proto__`, `constructor` and `prototype` keys are refused anywhere in the body, as fields no
 *   wire format has, so they never reach an object that could be polluted by them.
 */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const FORBIDDEN_KEY_TEXT = /"(__proto__|constructor|prototype)"\s*:/;

export class JsonBodyError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
    this.name = 'JsonBodyError';
  }
}

/** The deepest nesting of arrays and objects in a JSON text; a linear scan that skips strings. */
export function jsonNestingDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

/** Parses a request body under the rules above; throws JsonBodyError (a 400) naming the field. */
export function parseJsonBody(text: string): unknown {
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new JsonBodyError('', `the JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`);
  }
  let forbidden = FORBIDDEN_KEY_TEXT.exec(text)?.[1];
  let parsed: unknown;
  try {
    // A key can also be spelt with \u escapes; only then is every key looked at as it is parsed
    // (a reviver costs the hot ingest path about a third of its parse time).
    parsed = text.includes('\\u')
      ? JSON.parse(text, (key: string, value: unknown) => {
          if (forbidden === undefined && FORBIDDEN_KEYS.has(key)) forbidden = key;
          return value;
        })
      : JSON.parse(text);
  } catch (error) {
    throw new JsonBodyError('', `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (forbidden !== undefined) throw new JsonBodyError(forbidden, `property ${forbidden} is not allowed`);
  return parsed;
}

import type { RuleSetIssue } from './rule-set-validation-error';

// Field readers for strict validation of untrusted JSON: each records a precise issue (path and
// reason, with the offending value) and returns undefined, so one pass reports every problem.

export type JsonObject = Readonly<Record<string, unknown>>;

export const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

export const fieldPath = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;

export class FieldReader {
  readonly issues: RuleSetIssue[] = [];

  fail(path: string, reason: string): undefined {
    this.issues.push({ path: path === '' ? '(root)' : path, reason });
    return undefined;
  }

  object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): JsonObject | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fail(path, `must be an object, got ${describeValue(value)}`);
    }
    const record = value as JsonObject;
    const allowed = new Set([...required, ...optional]);
    for (const key of Object.keys(record)) {
      if (!allowed.has(key)) this.fail(fieldPath(path, key), `is not a known field (allowed: ${[...allowed].join(', ')})`);
    }
    for (const key of required) {
      if (!(key in record)) this.fail(fieldPath(path, key), 'is required');
    }
    return record;
  }

  string(record: JsonObject, key: string, path: string, pattern?: { regex: RegExp; description: string }): string | undefined {
    const value = record[key];
    if (value === undefined) return undefined; // reported by object() when required
    const at = fieldPath(path, key);
    if (typeof value !== 'string' || value.trim() === '') return this.fail(at, `must be a non-empty string, got ${describeValue(value)}`);
    if (pattern && !pattern.regex.test(value)) return this.fail(at, `must be ${pattern.description}, got ${describeValue(value)}`);
    return value;
  }

  number(record: JsonObject, key: string, path: string, bounds: { min?: number; above?: number }): number | undefined {
    const value = record[key];
    if (value === undefined) return undefined;
    const at = fieldPath(path, key);
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.fail(at, `must be a number, got ${describeValue(value)}`);
    if (bounds.min !== undefined && value < bounds.min) return this.fail(at, `must be at least ${bounds.min}, got ${value}`);
    if (bounds.above !== undefined && value <= bounds.above) return this.fail(at, `must be greater than ${bounds.above}, got ${value}`);
    return value;
  }

  oneOf<T extends string>(record: JsonObject, key: string, path: string, values: readonly T[]): T | undefined {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    return this.fail(fieldPath(path, key), `must be one of ${values.map((v) => `"${v}"`).join(', ')}, got ${describeValue(value)}`);
  }

  array(record: JsonObject, key: string, path: string): readonly unknown[] | undefined {
    const value = record[key];
    if (value === undefined) return undefined;
    const at = fieldPath(path, key);
    if (!Array.isArray(value)) return this.fail(at, `must be an array, got ${describeValue(value)}`);
    if (value.length === 0) return this.fail(at, 'must not be empty');
    return value;
  }
}

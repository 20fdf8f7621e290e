import { type TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';

/** One problem in a document: where (`rules[3].condition.anyOf[0].op`, `(root)` for the whole) and why. */
export type SchemaIssue = { readonly path: string; readonly reason: string };

/**
 * Annotations a schema may carry to word its errors for the people who write the document:
 * `x-must` completes "must be …" (a pattern's meaning, a list's rule), and a union of objects
 * that share a literal `type` (or `kind`) is read as "the type decides which fields are allowed".
 */
export type SchemaWording = { 'x-must'?: string };

/** A value as an error message quotes it: short, and never the whole of a large document. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Every issue a document has against its schema, each with its field path and a reason a person
 * can act on. TypeBox decides what is valid (docs/schemas.md); this only words its findings: one
 * issue per path, the most telling one, in path order. Empty when the document fits the schema.
 */
export function schemaIssues(schema: TSchema, value: unknown): SchemaIssue[] {
  const byPath = new Map<string, SchemaIssue>();
  collect(schema, value, '', byPath);
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}

function collect(schema: TSchema, value: unknown, base: string, out: Map<string, SchemaIssue>): void {
  for (const error of Value.Errors(schema, value)) {
    const path = joinPath(base, error.path);
    if (error.type === ValueErrorType.Union) {
      unionIssues(error.schema, error.value, path, out);
      continue;
    }
    put(out, { path: path === '' ? '(root)' : path, reason: reasonOf(error) });
  }
}

/** The first issue found at a path stays: a missing field also fails its type check, and "is required" (found first) says it better. */
function put(out: Map<string, SchemaIssue>, issue: SchemaIssue): void {
  if (!out.has(issue.path)) out.set(issue.path, issue);
}

function unionIssues(schema: TSchema, value: unknown, path: string, out: Map<string, SchemaIssue>): void {
  const members = (schema.anyOf ?? []) as TSchema[];
  const at = path === '' ? '(root)' : path;
  const literals = members.filter((member) => 'const' in member);
  if (literals.length === members.length) {
    put(out, { path: at, reason: mustBe(schema, `one of ${literals.map((member) => JSON.stringify(member.const)).join(', ')}`, value) });
    return;
  }
  const nonNull = members.filter((member) => member.type !== 'null');
  if (nonNull.length === 1) {
    // "X or null": a value of the wrong type is told both choices; one out of range only the range.
    const inner = new Map<string, SchemaIssue>();
    collect(nonNull[0]!, value, path, inner);
    for (const [key, issue] of inner) put(out, key === at ? { path: at, reason: issue.reason.replace(/^(must be (?:a number|a whole number|a string|a non-empty string|true or false)), got/, '$1 or null, got') } : issue);
    return;
  }
  const discriminator = discriminatorOf(members);
  if (discriminator && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const tag = (value as Record<string, unknown>)[discriminator];
    const chosen = members.find((member) => member.properties[discriminator].const === tag);
    if (chosen) return collect(chosen, value, path, out);
    const tagPath = joinPath(path, `/${discriminator}`);
    const reason = tag === undefined ? 'is required' : `must be one of ${members.map((member) => JSON.stringify(member.properties[discriminator].const)).join(', ')}, got ${describeValue(tag)}`;
    put(out, { path: tagPath, reason });
    return;
  }
  put(out, { path: at, reason: mustBe(schema, schema.description ?? 'one of the forms the schema allows', value) });
}

/** The field every member of a union of objects fixes to its own literal, if there is one. */
function discriminatorOf(members: TSchema[]): string | undefined {
  if (!members.every((member) => member.type === 'object')) return undefined;
  return ['type', 'kind'].find((key) => members.every((member) => member.properties?.[key] && 'const' in member.properties[key]));
}

function reasonOf(error: ValueError): string {
  const { schema, value } = error;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return `is not a known field (allowed: ${Object.keys(schema.properties ?? {}).join(', ')})`;
    case ValueErrorType.Object:
      return `must be an object, got ${describeValue(value)}`;
    case ValueErrorType.Array:
      return mustBe(schema, 'an array', value);
    case ValueErrorType.ArrayMinItems:
      return schema.minItems === 1 ? 'must not be empty' : `must hold at least ${schema.minItems} items, got ${(value as unknown[]).length}`;
    case ValueErrorType.ArrayMaxItems:
      return `must hold at most ${schema.maxItems} items, got ${(value as unknown[]).length}`;
    case ValueErrorType.ArrayUniqueItems:
      return mustBe(schema, 'a list without repeats', value);
    case ValueErrorType.String:
    case ValueErrorType.StringMinLength:
      return mustBe(schema, schema.minLength ? 'a non-empty string' : 'a string', value);
    case ValueErrorType.StringPattern:
    case ValueErrorType.StringFormat:
      return mustBe(schema, `text matching ${schema.pattern ?? schema.format}`, value);
    case ValueErrorType.StringMaxLength:
      return `must be at most ${schema.maxLength} characters, got ${(value as string).length}`;
    case ValueErrorType.Number:
    case ValueErrorType.Integer:
      return mustBe(schema, error.type === ValueErrorType.Integer ? 'a whole number' : 'a number', value);
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `must be at least ${schema.minimum}, got ${describeValue(value)}`;
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMinimum:
      return `must be greater than ${schema.exclusiveMinimum}, got ${describeValue(value)}`;
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `must be at most ${schema.maximum}, got ${describeValue(value)}`;
    case ValueErrorType.NumberExclusiveMaximum:
    case ValueErrorType.IntegerExclusiveMaximum:
      return `must be less than ${schema.exclusiveMaximum}, got ${describeValue(value)}`;
    case ValueErrorType.Boolean:
      return mustBe(schema, 'true or false', value);
    case ValueErrorType.Literal:
      return `must be ${JSON.stringify(schema.const)}, got ${describeValue(value)}`;
    case ValueErrorType.Null:
      return `must be null, got ${describeValue(value)}`;
    default:
      return error.message;
  }
}

function mustBe(schema: TSchema & SchemaWording, plain: string, value: unknown): string {
  return `must be ${schema['x-must'] ?? plain}, got ${describeValue(value)}`;
}

/** `/rules/3/condition` → `rules[3].condition` (JSON Pointer escapes undone). */
function joinPath(base: string, pointer: string): string {
  let path = base;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^\d+$/.test(key) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
  }
  return path;
}

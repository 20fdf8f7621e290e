import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * A wire schema (JSON Schema, as TypeBox builds it) in the OpenAPI 3.0 dialect Nest's document
 * uses: `const` becomes a one-value `enum`, and "X or null" becomes X with `nullable`. The schema
 * stays the one definition; this only rewrites its spelling for the document.
 */
export function openApiSchemaOf(schema: object): SchemaObject {
  return rewrite(JSON.parse(JSON.stringify(schema))) as SchemaObject;
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewrite(value);
  if ('const' in out) {
    out.enum = [out.const];
    delete out.const;
  }
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf)) {
    const nonNull = anyOf.filter((member) => (member as { type?: unknown }).type !== 'null');
    if (nonNull.length === 1 && anyOf.length === 2) {
      delete out.anyOf;
      return { ...(nonNull[0] as object), ...out, nullable: true };
    }
    // A union of object kinds is a choice of one (OpenAPI `oneOf`).
    out.oneOf = anyOf;
    delete out.anyOf;
  }
  return out;
}

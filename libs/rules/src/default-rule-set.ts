import { parseRuleSet } from './parse-rule-set';
import { type RuleSet, ruleSetVersionOf } from './rule-set';
import kapDefaultV1 from './rule-sets/kap-default.v1.json';
import kapDefaultV1_1 from './rule-sets/kap-default.v1.1.json';

// Validated like any clinic's file, so the shipped default cannot drift from the schema.
export const defaultRuleSet: RuleSet = parseRuleSet(kapDefaultV1_1);

/** Every rule set Vigil has shipped, by `name@version`, so a record names the one it was made with. */
export const builtInRuleSets: ReadonlyMap<string, RuleSet> = new Map(
  [parseRuleSet(kapDefaultV1), defaultRuleSet].map((ruleSet) => [ruleSetVersionOf(ruleSet), ruleSet] as const),
);

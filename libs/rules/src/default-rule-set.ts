import { parseRuleSet } from './parse-rule-set';
import type { RuleSet } from './rule-set';
import kapDefaultV1 from './rule-sets/kap-default.v1.json';

// Validated like any clinic's file, so the shipped default cannot drift from the schema.
export const defaultRuleSet: RuleSet = parseRuleSet(kapDefaultV1);

import { parseRuleSet, type RuleSet } from '@vigil/rules';
import kapDefault from '../../../rules/src/rule-sets/kap-default.v1.1.json';

/** kap-default with one rule's first threshold (or baseline rise) changed, as a clinic's edited file would be, as version 1.2.0. */
export function kapDefaultWithThreshold(ruleId: string, value: number): { json: unknown; ruleSet: RuleSet } {
  const json = structuredClone(kapDefault) as { version: string; rules: { id: string; condition: { anyOf?: { value?: number; rise?: number }[] } }[] };
  json.version = '1.2.0';
  const first = json.rules.find((rule) => rule.id === ruleId)!.condition.anyOf![0]!;
  if (first.rise !== undefined) first.rise = value;
  else first.value = value;
  return { json, ruleSet: parseRuleSet(json) };
}

import type { Provider } from '@nestjs/common';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { defaultRuleSet, parseRuleSet, type RuleSet } from '@vigil/rules';
import { readFileSync } from 'node:fs';

export const RULE_SET = Symbol('RuleSet');

/** The default KAP rule set, or a clinic's file (VIGIL_RULES), validated at start. */
export const ruleSetProvider: Provider = {
  provide: RULE_SET,
  inject: [VIGIL_CONFIG],
  useFactory: (config: VigilConfig): RuleSet => {
    if (!config.rulesFile) return defaultRuleSet;
    try {
      return parseRuleSet(JSON.parse(readFileSync(config.rulesFile, 'utf8')));
    } catch (error) {
      throw new Error(`VIGIL_RULES ${config.rulesFile}: ${(error as Error).message}`);
    }
  },
};

import type { Provider } from '@nestjs/common';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { defaultRuleSet, parseRuleSet, type RuleSet } from '@vigil/rules';
import { readFileSync } from 'node:fs';

export const RULE_SET = Symbol('RuleSet');

/**
 * The default KAP rule set, or a clinic's file (VIGIL_RULES), validated at start. Sessions and the
 * dashboard provide it too (safeguards, discharge readiness); a module assembled without a
 * configuration (a test) gets the default.
 */
export const ruleSetProvider: Provider = {
  provide: RULE_SET,
  inject: [{ token: VIGIL_CONFIG, optional: true }],
  useFactory: (config: VigilConfig | undefined): RuleSet => {
    if (!config?.rulesFile) return defaultRuleSet;
    try {
      return parseRuleSet(JSON.parse(readFileSync(config.rulesFile, 'utf8')));
    } catch (error) {
      throw new Error(`VIGIL_RULES ${config.rulesFile}: ${(error as Error).message}`);
    }
  },
};

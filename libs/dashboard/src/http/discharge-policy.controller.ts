import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RULE_SET } from '@vigil/alerting';
import { RequiresPermission } from '@vigil/auth';
import type { RuleSet } from '@vigil/rules';
import type { ReadinessPolicy } from '../view/discharge-readiness';

const DEFAULT_CHECK_WINDOW = { startMinutes: 35, endMinutes: 45 };

/** The rule set's discharge policy and post-dose thresholds, as the page computes readiness from them. */
export function readinessPolicyOf(ruleSet: RuleSet): ReadinessPolicy {
  const checkDue = ruleSet.rules.map((rule) => rule.condition).find((condition) => condition.type === 'checkDue');
  const thresholds = ruleSet.rules.flatMap((rule) =>
    rule.condition.type === 'threshold' && rule.condition.scope !== 'pre-dose' ? rule.condition.anyOf.map(({ measure, op, value }) => ({ measure, op, value })) : [],
  );
  const { observationMinutes, stableMinutes, nearBaseline, bloodPressureMaxAgeMinutes } = ruleSet.discharge;
  return {
    observationMinutes,
    stableMinutes,
    nearBaseline: { systolic: nearBaseline.systolic, diastolic: nearBaseline.diastolic, spo2: nearBaseline.spo2, pulseRate: nearBaseline.pulseRate },
    bloodPressureMaxAgeMinutes,
    checkWindow: checkDue ? { startMinutes: checkDue.windowStartMinutes, endMinutes: checkDue.windowEndMinutes } : DEFAULT_CHECK_WINDOW,
    thresholds,
  };
}

@ApiTags('dashboard')
@Controller('api/v1/dashboard')
export class DischargePolicyController {
  private readonly policy: ReadinessPolicy;

  constructor(@Inject(RULE_SET) ruleSet: RuleSet) {
    this.policy = readinessPolicyOf(ruleSet);
  }

  @Get('discharge-policy')
  @RequiresPermission('watch')
  @ApiOperation({ summary: 'What "ready for discharge review" means under the loaded rule set (observation minimum, stable time, thresholds)' })
  get(): ReadinessPolicy {
    return this.policy;
  }
}

import { compare } from './comparison';
import type { Measure } from './measures';
import type { Comparison, Priority, RuleSet } from './rule-set';

// The rule set's fixed thresholds applied to one set of values, outside the engine: "were vital
// signs in an acceptable range" on the REMS form, the end-of-session safeguard and discharge
// readiness (docs/clinical-documentation.md). Delays and latching are the engine's business, not
// this check's: it answers "is this value past a threshold", nothing more.

export type ThresholdBreach = {
  readonly ruleId: string;
  readonly title: string;
  readonly priority: Priority;
  readonly measure: Measure;
  readonly value: number;
  readonly op: Comparison;
  readonly threshold: number;
};

export type ThresholdValues = Partial<Record<Measure, number>>;

/** Every threshold rule of the rule set for this part of the session that the values breach. */
export function thresholdBreaches(ruleSet: RuleSet, values: ThresholdValues, when: 'pre-dose' | 'post-dose'): ThresholdBreach[] {
  const breaches: ThresholdBreach[] = [];
  for (const rule of ruleSet.rules) {
    const condition = rule.condition;
    if (condition.type !== 'threshold') continue;
    if (condition.scope !== 'whole-session' && condition.scope !== when) continue;
    for (const limit of condition.anyOf) {
      const value = values[limit.measure];
      if (value !== undefined && compare(value, limit.op, limit.value)) {
        breaches.push({ ruleId: rule.id, title: rule.title, priority: rule.priority, measure: limit.measure, value, op: limit.op, threshold: limit.value });
      }
    }
  }
  return breaches;
}

const MEASURE_LABEL: Readonly<Record<Measure, string>> = { spo2: 'SpO2', pulseRate: 'pulse rate', systolic: 'systolic', diastolic: 'diastolic' };
const MEASURE_UNIT_TEXT: Readonly<Record<Measure, string>> = { spo2: '%', pulseRate: '/min', systolic: 'mmHg', diastolic: 'mmHg' };

/** "SpO2 89 % (spo2-low: < 92)". */
export const describeBreach = (breach: ThresholdBreach): string =>
  `${MEASURE_LABEL[breach.measure]} ${breach.value} ${MEASURE_UNIT_TEXT[breach.measure]} (${breach.ruleId}: ${breach.op} ${breach.threshold})`;

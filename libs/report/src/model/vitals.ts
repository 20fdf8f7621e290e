import { describeBreach, thresholdBreaches, type RuleSet, type ThresholdValues } from '@vigil/rules';

/** An oximetry reading stands for this long after it when measuring coverage and gaps (about 1 Hz; longer silence is a gap). */
export const OXIMETRY_HOLD_MS = 5_000;

/** The pre-dose baseline (docs/clinical-documentation.md "Baseline"). */
export type Baseline = { at?: string; spo2?: number; pulseRate?: number; systolic?: number; diastolic?: number; bloodPressureAt?: string };

/** The rule set's thresholds applied to a set of values, described ("SpO2 89 % (spo2-low: < 92)"). */
export const breachesOf = (ruleSet: RuleSet, values: ThresholdValues, when: 'pre-dose' | 'post-dose'): string[] =>
  thresholdBreaches(ruleSet, values, when).map(describeBreach);

import { defaultRuleSet } from './default-rule-set';
import { describeBreach, thresholdBreaches } from './threshold-check';

describe('thresholdBreaches (the rule set applied to one set of values)', () => {
  it('given values within every threshold, when checked after the dose, then nothing is breached', () => {
    expect(thresholdBreaches(defaultRuleSet, { spo2: 97, pulseRate: 80, systolic: 130, diastolic: 85 }, 'post-dose')).toEqual([]);
  });

  it('given SpO2 89 %, when checked, then spo2-low is breached and described with its threshold', () => {
    const breaches = thresholdBreaches(defaultRuleSet, { spo2: 89 }, 'post-dose');
    expect(breaches.map((b) => b.ruleId)).toEqual(['spo2-low']);
    expect(describeBreach(breaches[0]!)).toBe('SpO2 89 % (spo2-low: < 92)');
  });

  it('given 145/92 before the dose, then the pre-dose advisory applies; after the dose it does not', () => {
    expect(thresholdBreaches(defaultRuleSet, { systolic: 145, diastolic: 92 }, 'pre-dose').map((b) => b.ruleId)).toEqual(['predose-bp', 'predose-bp']);
    expect(thresholdBreaches(defaultRuleSet, { systolic: 145, diastolic: 92 }, 'post-dose')).toEqual([]);
  });
});

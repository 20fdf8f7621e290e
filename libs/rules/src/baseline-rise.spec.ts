import { bp, dose, given, started } from './testing/rule-scenario';

// Issue: bp-rise compares post-dose readings with the last blood pressure before the first dose
// (Spravato trials: rises of ≥40 systolic or ≥25 diastolic, docs/clinical-sources.md §1.4).
describe('bp-rise (≥ baseline + 40 systolic or + 25 diastolic, after the dose)', () => {
  const baselined = [started('10:00:00'), bp('10:01:00', 100, 60), dose('10:05:00')];

  it('raises at baseline + 40 systolic', () =>
    given(baselined)
      .when(bp('10:40:00', 140, 70))
      .thenOutputs(([raised]) =>
        expect(raised).toMatchObject({
          at: '2026-11-29T10:40:00.000Z',
          data: { ruleId: 'bp-rise', priority: 'medium', phase: 'dissociative', minutesSinceDose: 35, measure: 'systolic', value: 140, threshold: 140, baseline: 100 },
        }),
      ));
  it('raises at baseline + 25 diastolic', () => given(baselined).when(bp('10:40:00', 120, 85)).then('10:40:00 raised bp-rise medium'));
  it('raises nothing just below both rises', () => given(baselined).when(bp('10:40:00', 139, 84)).thenNothing());
  it('clears when the pressure is back under the rise', () =>
    given(baselined, bp('10:40:00', 145, 70)).when(bp('10:41:00', 130, 70)).then('10:41:00 cleared bp-rise condition-resolved'));

  it('uses the last pre-dose reading, not the first, as the baseline', () =>
    given(started('10:00:00'), bp('10:01:00', 100, 60), bp('10:03:00', 120, 70), dose('10:05:00')).when(bp('10:40:00', 159, 94)).thenNothing());

  it('does not fire without a pre-dose baseline', () =>
    given(started('10:00:00'), dose('10:05:00')).when(bp('10:40:00', 150, 95), bp('10:45:00', 155, 98)).thenNothing());

  it('does not move the baseline with readings after the first dose or a booster', () =>
    given(baselined, bp('10:45:00', 130, 80), dose('11:00:00')).when(bp('11:30:00', 140, 70)).then('11:30:00 raised bp-rise medium'));

  it('does not judge pre-dose readings against a baseline', () =>
    given(started('10:00:00'), bp('10:01:00', 100, 60)).when(bp('10:03:00', 140, 85)).thenNothing());
});

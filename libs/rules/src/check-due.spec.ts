import { bp, dose, given, started, tick } from './testing/rule-scenario';

// Issue: bp-check-due is raised at dose + 45 min when no blood-pressure reading fell in
// [dose + 35, dose + 45] (Spravato: BP about 40 minutes after the dose, docs/clinical-sources.md §1.2).
describe('bp-check-due (technical, low)', () => {
  const dosed = [started('10:00:00'), dose('10:00:00')];

  it('is raised at dose + 45 min when no reading fell in the window', () =>
    given(dosed).when(tick('10:44:59'), tick('10:45:00')).thenOutputs((outputs) => {
      expect(outputs).toHaveLength(1);
      expect(outputs[0]).toMatchObject({
        type: 'AlertRaised',
        at: '2026-11-29T10:45:00.000Z',
        data: { ruleId: 'bp-check-due', priority: 'low', kind: 'technical', phase: 'dissociative', minutesSinceDose: 45, value: 45, threshold: 45, unit: 'min' },
      });
    }));

  it('is raised when the only reading came before the window', () =>
    given(dosed, bp('10:34:59', 120, 80)).when(tick('10:46:00')).then('10:45:00 raised bp-check-due low'));

  it('is not raised when a reading fell at the window start', () => given(dosed, bp('10:35:00', 120, 80)).when(tick('11:30:00')).thenNothing());
  it('is not raised when a reading fell in the window', () => given(dosed, bp('10:40:00', 120, 80)).when(tick('11:30:00')).thenNothing());
  it('is not satisfied by a failed cuff cycle without numbers', () =>
    given(dosed, bp('10:40:00', null, null)).when(tick('10:45:00')).then('10:45:00 raised bp-check-due low'));

  it('is cleared by the next blood-pressure reading', () =>
    given(dosed, tick('10:45:00')).when(bp('10:52:00', 120, 80)).then('10:52:00 cleared bp-check-due reading-received'));

  it('does not escalate (low priority)', () => given(dosed, tick('10:45:00')).when(tick('11:30:00')).thenNothing());

  it('is not watched before any dose', () => given(started('10:00:00')).when(tick('12:00:00')).thenNothing());

  describe('after a booster dose', () => {
    const boosted = [...dosed, dose('10:20:00')];
    it('moves to booster + 45 min', () => given(boosted).when(tick('10:45:00'), tick('11:05:00')).then('11:05:00 raised bp-check-due low'));
    it('needs a reading in the booster window', () => given(boosted, bp('10:40:00', 120, 80)).when(tick('11:05:00')).then('11:05:00 raised bp-check-due low'));
    it('is satisfied by a reading in the booster window', () => given(boosted, bp('10:56:00', 120, 80)).when(tick('11:30:00')).thenNothing());
  });
});

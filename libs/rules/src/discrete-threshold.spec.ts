import { ack, bp, dose, given, started } from './testing/rule-scenario';

// Issue, "Discrete rules": each blood-pressure reading is evaluated on arrival.
describe('discrete threshold rules (blood pressure)', () => {
  // Dosed, without a pre-dose reading: predose-bp and bp-rise stay out of these scenarios, and
  // they end before escalation (2 min) and the post-dose check (dose + 45 min) come due.
  const open = [started('10:00:00'), dose('10:00:30')];

  it('raises bp-high on a reading at systolic 160', () => given(open).when(bp('10:01:00', 160, 80)).then('10:01:00 raised bp-high medium'));
  it('raises bp-high on diastolic 100 alone, naming diastolic as the trigger', () =>
    given(open)
      .when(bp('10:01:00', 150, 100))
      .thenOutputs(([raised]) =>
        expect(raised).toMatchObject({ type: 'AlertRaised', data: { ruleId: 'bp-high', measure: 'diastolic', comparison: '>=', value: 100, threshold: 100, unit: 'mm[Hg]' } }),
      ));
  it('raises nothing at 159/99', () => given(open).when(bp('10:01:00', 159, 99)).thenNothing());

  describe('one active alarm per rule', () => {
    const high = [...open, bp('10:01:00', 165, 95)];
    it('does not raise again while the alarm is active', () => given(high).when(bp('10:02:00', 170, 98)).thenNothing());
    it('clears on a later reading that no longer meets the condition', () =>
      given(high).when(bp('10:02:00', 150, 90)).then('10:02:00 cleared bp-high condition-resolved'));
    it('raises a new alarm after the previous one cleared', () =>
      given(high, bp('10:02:00', 150, 90)).when(bp('10:02:30', 162, 90)).then('10:02:30 raised bp-high medium'));
    it('neither raises nor clears on a reading without numbers', () => given(high).when(bp('10:02:00', null, null)).thenNothing());
  });

  it('raises bp-low below systolic 90', () => given(open).when(bp('10:01:00', 89, 60)).then('10:01:00 raised bp-low medium'));
  it('does not raise bp-low at systolic 90', () => given(open).when(bp('10:01:00', 90, 60)).thenNothing());

  describe('bp-critical (≥180/110, high, latching)', () => {
    it('raises bp-critical with bp-high, in rule-set order', () =>
      given(open).when(bp('10:01:00', 180, 95)).then('10:01:00 raised bp-high medium', '10:01:00 raised bp-critical high'));
    it('raises on diastolic 110', () => given(open).when(bp('10:01:00', 150, 110)).then('10:01:00 raised bp-high medium', '10:01:00 raised bp-critical high'));
    it('stays latched when the pressure falls, until acknowledged', () =>
      given(open, bp('10:01:00', 185, 100))
        .when(bp('10:02:00', 130, 80), ack('10:05:00', 'bp-critical'))
        .then('10:02:00 cleared bp-high condition-resolved', '10:05:00 cleared bp-critical acknowledged'));
  });

  describe('predose-bp (>140/90 before the dose, low)', () => {
    const open = [started('10:00:00')];
    it('raises before the dose', () => given(open).when(bp('10:01:00', 141, 85)).then('10:01:00 raised predose-bp low'));
    it('does not raise at exactly 140/90', () => given(open).when(bp('10:01:00', 140, 90)).thenNothing());
    it('clears at the dose', () => given(open, bp('10:01:00', 145, 92)).when(dose('10:05:00')).then('10:05:00 cleared predose-bp dose-administered'));
    it('clears on a later pre-dose reading within limits', () =>
      given(open, bp('10:01:00', 145, 92)).when(bp('10:04:00', 135, 85)).then('10:04:00 cleared predose-bp condition-resolved'));
    it('does not apply after the dose', () => given(open, dose('10:05:00')).when(bp('10:06:00', 150, 95)).thenNothing());
    it('does not escalate (low priority)', () => given(open, bp('10:01:00', 145, 92)).when(bp('10:04:00', 145, 92), bp('10:09:00', 145, 92)).thenNothing());
  });
});

import { ack, bound, dose, given, oximetry, sensorOff, started, steady, tick, unbound } from './testing/rule-scenario';

// Issue 16, item 4: a bound oximeter with no valid reading within 30 s of its binding raises
// oximeter-no-data (technical; medium, high once a dose has been given).
describe('oximeter-no-data (technical, 30 s after binding)', () => {
  const boundSilent = [started('10:00:00'), bound('10:00:05')];

  it('is raised 30 s after the binding when the oximeter never sends', () =>
    given(boundSilent).when(tick('10:00:34'), tick('10:00:35')).then('10:00:35 raised oximeter-no-data medium'));

  it('carries the technical trigger', () =>
    given(boundSilent).when(tick('10:01:00')).thenOutputs(([raised]) =>
      expect(raised).toMatchObject({
        at: '2026-11-29T10:00:35.000Z',
        data: { ruleId: 'oximeter-no-data', kind: 'technical', priority: 'medium', measure: 'secondsWithoutValidOximetry', value: 30, threshold: 30, unit: 's' },
      }),
    ));

  it('is high when a dose was given before it is raised (an IV patient unmonitored)', () =>
    given(boundSilent, dose('10:00:20', 'intravenous')).when(tick('10:00:35')).then('10:00:35 raised oximeter-no-data high'));

  it('is escalated to high at the dose when already raised, even if acknowledged', () =>
    given(boundSilent, tick('10:00:40'), ack('10:00:50', 'oximeter-no-data')).when(dose('10:01:00', 'intravenous')).then('10:01:00 escalated oximeter-no-data high'));

  it('is not raised when a valid reading comes within 30 s', () =>
    given(boundSilent).when(oximetry('10:00:30', 97, 80, { deviceId: 'ox-1' }), steady('10:00:31', 10, 97), tick('10:00:45')).thenNothing());

  it('is not raised by a valid reading at exactly the deadline (inputs before deadlines)', () =>
    given(boundSilent).when(oximetry('10:00:35', 97, 80, { deviceId: 'ox-1' }), tick('10:00:40')).thenNothing());

  it('is raised when the oximeter sends only sensor-off readings (then signal-lost follows its own rule)', () =>
    given(boundSilent)
      .when(sensorOff('10:00:10'), tick('10:00:35'))
      .then('10:00:30 raised oximeter-signal-lost medium', '10:00:35 raised oximeter-no-data medium'));

  it('clears at the first valid reading of that oximeter', () =>
    given(boundSilent, tick('10:00:40')).when(oximetry('10:00:50', 97, 80, { deviceId: 'ox-1' })).then('10:00:50 cleared oximeter-no-data reading-received'));

  it('is not cleared by a reading from another device', () =>
    given(boundSilent, tick('10:00:40')).when(oximetry('10:00:50', 97, 80, { deviceId: 'ox-2' })).thenNothing());

  it('clears when the silent oximeter is unbound', () =>
    given(boundSilent, tick('10:00:40')).when(unbound('10:01:00')).then('10:01:00 cleared oximeter-no-data device-unbound'));

  it('latches once high: a reading after the dose ends the condition, the acknowledgement the alarm', () =>
    given(boundSilent, dose('10:00:10', 'intravenous'), tick('10:00:40'))
      .when(oximetry('10:00:50', 97, 80, { deviceId: 'ox-1' }), ack('10:01:00', 'oximeter-no-data'))
      .then('10:01:00 cleared oximeter-no-data acknowledged'));

  it('is not watched for a blood-pressure cuff', () => given(started('10:00:00'), bound('10:00:05', 'bp-1', 'bloodPressureCuff')).when(tick('10:05:00')).thenNothing());

  it('is not watched when no oximeter is bound (scenarios without bindings keep their meaning)', () =>
    given(started('10:00:00'), dose('10:00:10')).when(tick('10:05:00')).thenNothing());

  it('watches a re-bound oximeter from its new binding', () =>
    given(boundSilent, oximetry('10:00:10', 97, 80, { deviceId: 'ox-1' }), unbound('10:00:20'), bound('10:01:00'))
      .when(tick('10:01:29'), tick('10:01:30'))
      .then('10:01:30 raised oximeter-no-data medium'));
});

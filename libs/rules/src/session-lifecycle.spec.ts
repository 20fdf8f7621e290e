import { alertIdFor } from './alert-id';
import { defaultRuleSet } from './default-rule-set';
import { evaluate } from './engine';
import { InputOutOfOrderError, InvalidEngineInputError } from './engine-errors';
import { initialEngineState } from './engine-state';
import { T, bp, dose, ended, given, oximetry, run, started, steady, summarise, tick } from './testing/rule-scenario';

describe('sessions', () => {
  it('SessionEnded clears every active alarm at its time, latched ones included', () =>
    given(started('10:00:00'), bp('10:01:00', 185, 95), bp('10:01:30', 120, 80))
      .when(ended('10:01:40'))
      .then('10:01:40 cleared bp-critical session-ended'));

  it('SessionEnded clears in rule-set order', () =>
    given(started('10:00:00'), bp('10:01:00', 185, 95))
      .when(ended('10:01:10'))
      .then('10:01:10 cleared bp-high session-ended', '10:01:10 cleared bp-critical session-ended', '10:01:10 cleared predose-bp session-ended'));

  it('raises nothing after the end', () =>
    given(started('10:00:00'), oximetry('10:00:00', 97), ended('10:00:05')).when(steady('10:00:06', 30, 80), tick('10:10:00')).thenNothing());

  it('keeps two sessions independent', () =>
    given(started('10:00:00', 's1'), started('10:00:00', 's2'), bp('10:00:30', 120, 80, 's1'), bp('10:00:30', 120, 80, 's2'), dose('10:01:00', 'oral', 's1'))
      .when(bp('10:02:00', 165, 95, 's2'), bp('10:02:00', 165, 95, 's1'), { type: 'AlertAcknowledged', sessionId: 's1', at: T('10:02:10'), data: { ruleId: 'bp-high' } }, tick('10:04:00'))
      .then('s2 10:02:00 raised bp-high medium', 's2 10:02:00 raised predose-bp low', '10:02:00 raised bp-high medium', '10:02:00 raised bp-rise medium', '10:04:00 escalated bp-rise high', 's2 10:04:00 escalated bp-high high'));

  it('orders a Tick’s outputs by time across sessions', () =>
    given(started('10:00:00', 'b'), oximetry('10:00:00', 97, 80, {}, 'b'), started('10:00:05', 'a'), oximetry('10:00:05', 97, 80, {}, 'a'))
      .when(tick('10:01:00'))
      .then('b 10:00:20 raised oximeter-signal-lost medium', 'a 10:00:25 raised oximeter-signal-lost medium'));

  it('shows the phase on alarms, with a booster extending the dissociative window', () =>
    given(started('10:00:00'), dose('10:00:00', 'intranasal'), dose('11:00:00', 'intranasal'))
      .when(bp('11:20:00', 185, 95))
      .thenOutputs((outputs) =>
        expect(outputs.map((o) => [o.type, o.data.ruleId, o.data.phase])).toEqual([
          ['AlertRaised', 'bp-high', 'dissociative'],
          ['AlertRaised', 'bp-critical', 'dissociative'],
          ['AlertCleared', 'bp-check-due', 'dissociative'],
        ]),
      ));

  it('rejects a session input earlier than a Tick already seen', () =>
    given(started('10:00:00'), tick('10:00:10')).when(oximetry('10:00:09', 97)).thenRejects(InputOutOfOrderError, /earlier than session s1's clock/));

  it('rejects a session input earlier than that session’s last input', () =>
    given(started('10:00:00'), oximetry('10:00:10', 97)).when(oximetry('10:00:09', 97)).thenRejects(InputOutOfOrderError));

  it('accepts inputs of another session at an earlier time than this one', () =>
    given(started('10:00:10', 's1')).when(started('10:00:00', 's2'), oximetry('10:00:01', 97, 80, {}, 's2')).thenNothing());

  it('rejects a time that is not ISO 8601 and a dose without a known route', () => {
    expect(() => evaluate(initialEngineState(), { type: 'Tick', at: '2026-11-29 10:00' }, defaultRuleSet)).toThrow('"at" is not an ISO 8601 time');
    expect(() => evaluate(initialEngineState(), { type: 'Tick', at: '2026-02-30T10:00:00Z' }, defaultRuleSet)).toThrow(InvalidEngineInputError);
    expect(() =>
      evaluate(initialEngineState(), { type: 'DoseAdministered', sessionId: 's1', at: T('10:00:00'), data: { route: 'rectal', doseMg: 20 } }, defaultRuleSet),
    ).toThrow(/"data.route" must be one of/);
  });

  it('never mutates the state it is given: the same state and input give the same outputs twice', () => {
    const { state } = run(initialEngineState(), [started('10:00:00'), ...steady('10:00:05', 15, 91)], defaultRuleSet);
    const next = oximetry('10:00:20', 91);
    const first = evaluate(state, next, defaultRuleSet);
    const second = evaluate(state, next, defaultRuleSet);
    expect(first.outputs.map(summarise)).toEqual(['10:00:20 raised spo2-low medium']);
    expect(second.outputs).toEqual(first.outputs);
    expect(evaluate(first.state, oximetry('10:00:21', 91), defaultRuleSet).outputs).toEqual([]);
  });

  it('derives alert ids from session, rule and raise time only, whatever the time’s spelling', () => {
    expect(alertIdFor('s1', 'spo2-low', '2026-11-29T10:00:20Z')).toBe(alertIdFor('s1', 'spo2-low', '2026-11-29T11:00:20.000+01:00'));
    expect(alertIdFor('s1', 'spo2-low', '2026-11-29T10:00:20Z')).toBe('alert~s1~spo2-low~2026-11-29T10:00:20.000Z');
    expect(alertIdFor('a/b', 'spo2-low', '2026-11-29T10:00:20Z')).not.toBe(alertIdFor('a', 'b/spo2-low', '2026-11-29T10:00:20Z'));
  });
});

import { activeAlarms } from './active-alarms';
import { alertIdFor } from './alert-id';
import { InvalidEngineInputError } from './engine-errors';
import { T, ack, ackAlert, bp, dose, given, started, tick } from './testing/rule-scenario';

// Issue: acknowledgement stops escalation and pauses the audio for 120 s; the alarm stays
// visible until it clears. The app acknowledges by alert id.
describe('acknowledgement', () => {
  const open = [started('10:00:00'), dose('10:00:30')];
  const high = [...open, bp('10:01:00', 165, 95)];
  const firstId = alertIdFor('s1', 'bp-high', T('10:01:00'));

  it('keeps the alarm visible with its audio paused for 120 s', () =>
    given(high)
      .when(ackAlert('10:01:30', firstId))
      .thenOutputs((outputs, state) => {
        expect(outputs).toEqual([]);
        expect(activeAlarms(state, 's1')).toEqual([
          {
            alertId: firstId,
            ruleId: 'bp-high',
            priority: 'medium',
            raisedAt: T('10:01:00'),
            latched: false,
            acknowledgedAt: T('10:01:30'),
            audioPausedUntil: T('10:03:30'),
          },
        ]);
      }));

  it('by alert id stops escalation', () => given(high).when(ackAlert('10:01:30', firstId), tick('10:10:00')).thenNothing());

  it('for an alarm that has cleared does not acknowledge a newer alarm of the same rule', () =>
    given(high, bp('10:02:00', 150, 90), bp('10:02:30', 165, 95))
      .when(ackAlert('10:03:00', firstId), tick('10:04:30'))
      .then('10:04:30 escalated bp-high high'));

  it('for no active alarm changes nothing', () => given(open).when(ack('10:01:00', 'bp-high'), bp('10:01:30', 165, 95)).then('10:01:30 raised bp-high medium'));

  it('rejects an alert id and a rule id that disagree', () =>
    given(high)
      .when({ type: 'AlertAcknowledged', sessionId: 's1', at: T('10:01:30'), data: { alertId: firstId, ruleId: 'bp-low' } })
      .thenRejects(InvalidEngineInputError, /belongs to rule "bp-high"/));

  it('rejects an acknowledgement naming no alarm', () =>
    given(high).when({ type: 'AlertAcknowledged', sessionId: 's1', at: T('10:01:30'), data: {} }).thenRejects(InvalidEngineInputError, /"data" must name the alarm/));
});

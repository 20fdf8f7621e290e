import { decideAcknowledge, type AcknowledgeableAlarm, type AcknowledgeCommand } from './acknowledge-decision';
import { defaultRuleSet } from './default-rule-set';

// Given the alarm as it shows, when staff acknowledge it, then the decision (issue 10, item 3).
const raised: AcknowledgeableAlarm = { sessionId: 's1', alertId: 'a1', ruleId: 'spo2-critical' };
const command = (overrides: Partial<AcknowledgeCommand> = {}): AcknowledgeCommand => ({ sessionId: 's1', alertId: 'a1', by: 'nurse Kim', at: '2026-12-02T10:00:00.000Z', ...overrides });

describe('deciding an acknowledgement', () => {
  it('given an active alarm, when acknowledged, then it records who, when and a sound pause of the policy length', () => {
    expect(decideAcknowledge(raised, command({ note: 'repositioned probe' }), defaultRuleSet)).toEqual({
      accepted: true,
      acknowledgement: { sessionId: 's1', alertId: 'a1', ruleId: 'spo2-critical', by: 'nurse Kim', note: 'repositioned probe', at: '2026-12-02T10:00:00.000Z', audioPausedUntil: '2026-12-02T10:02:00.000Z' },
    });
  });

  it('given a rule set with another pause, when acknowledged, then the pause follows the rule set', () => {
    const shortPause = { ...defaultRuleSet, alarmPolicy: { ...defaultRuleSet.alarmPolicy, audioPauseSeconds: 60 } };
    const decision = decideAcknowledge(raised, command(), shortPause);
    expect(decision.accepted && decision.acknowledgement.audioPausedUntil).toBe('2026-12-02T10:01:00.000Z');
  });

  it('given no such alarm (never raised or cleared), when acknowledged, then it is refused as not active', () => {
    expect(decideAcknowledge(undefined, command(), defaultRuleSet)).toEqual({ accepted: false, reason: 'not-active' });
  });

  it("given an alarm of another session, when acknowledged under this one, then it is refused as not active", () => {
    expect(decideAcknowledge({ ...raised, sessionId: 's2' }, command(), defaultRuleSet)).toEqual({ accepted: false, reason: 'not-active' });
  });

  it('given an alarm already acknowledged, when acknowledged again, then it is refused naming who acknowledged it and when', () => {
    const acknowledged = { ...raised, acknowledged: { by: 'nurse Kim', at: '2026-12-02T09:59:00.000Z' } };
    expect(decideAcknowledge(acknowledged, command({ by: 'nurse Lee' }), defaultRuleSet)).toEqual({ accepted: false, reason: 'already-acknowledged', by: 'nurse Kim', at: '2026-12-02T09:59:00.000Z' });
  });

  it('given an empty note, when acknowledged, then no note is recorded', () => {
    const decision = decideAcknowledge(raised, command({ note: '' }), defaultRuleSet);
    expect(decision.accepted && 'note' in decision.acknowledgement).toBe(false);
  });
});

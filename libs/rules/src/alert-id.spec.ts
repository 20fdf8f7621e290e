import { defaultRuleSet } from './default-rule-set';
import { evaluate } from './engine';
import type { EngineInput, EngineOutput } from './engine-io';
import { initialEngineState } from './engine-state';

describe('alert ids', () => {
  it('differ for alarms of one rule raised, cleared and raised again in the same millisecond', () => {
    const at = '2026-11-29T10:00:00.000Z';
    const inputs: EngineInput[] = [
      { type: 'SessionStarted', sessionId: 's1', at, data: {} },
      { type: 'BloodPressureObserved', sessionId: 's1', at, data: { systolic: 165, diastolic: 85 } },
      { type: 'BloodPressureObserved', sessionId: 's1', at, data: { systolic: 120, diastolic: 80 } },
      { type: 'BloodPressureObserved', sessionId: 's1', at, data: { systolic: 166, diastolic: 85 } },
    ];
    let state = initialEngineState();
    const outputs: EngineOutput[] = [];
    for (const input of inputs) {
      const result = evaluate(state, input, defaultRuleSet);
      state = result.state;
      outputs.push(...result.outputs);
    }
    const raised = outputs.filter((o) => o.type === 'AlertRaised' && o.data.ruleId === 'bp-high').map((o) => o.data.alertId);
    expect(raised).toEqual([`alert~s1~bp-high~${at}`, `alert~s1~bp-high~${at}~2`]);
  });
});

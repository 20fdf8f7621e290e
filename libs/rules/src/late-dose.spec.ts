import { defaultRuleSet } from './default-rule-set';
import { evaluate } from './engine';
import type { EngineInput, EngineOutput } from './engine-io';
import { initialEngineState } from './engine-state';

const T0 = Date.parse('2026-11-29T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const bp = (minutes: number, systolic: number, diastolic: number): EngineInput => ({ type: 'BloodPressureObserved', sessionId: 's1', at: at(minutes), data: { systolic, diastolic } });

function run(inputs: EngineInput[]): EngineOutput[] {
  let state = initialEngineState();
  return inputs.flatMap((input) => {
    const result = evaluate(state, input, defaultRuleSet);
    state = result.state;
    return result.outputs;
  });
}

describe('a dose recorded after it was given', () => {
  // Given at 10:05, recorded at 10:08, after a cuff reading taken at 10:06.
  const history: EngineInput[] = [
    { type: 'SessionStarted', sessionId: 's1', at: at(0), data: {} },
    bp(1, 130, 80),
    bp(6, 150, 88),
    { type: 'DoseAdministered', sessionId: 's1', at: at(8), data: { route: 'intravenous', doseMg: 35, administeredAt: at(5) } },
  ];

  it('takes the last reading before the stated dose time as baseline', () => {
    const rise = run([...history, bp(10, 172, 90)]).find((o) => o.type === 'AlertRaised' && o.data.ruleId === 'bp-rise');
    expect(rise?.data).toMatchObject({ baseline: 130, threshold: 170, value: 172 });
  });

  it('dates the phase from the stated dose time', () => {
    const raised = run([...history, bp(8.5, 185, 90)]).find((o) => o.type === 'AlertRaised' && o.data.ruleId === 'bp-critical');
    // IV onset lasts 2 min: 3.5 min after a 10:05 dose is the dissociative window (not onset, as from 10:08).
    expect(raised?.data).toMatchObject({ phase: 'dissociative', minutesSinceDose: 3.5 });
  });

  it('opens the blood-pressure check window from the stated dose time', () => {
    const outputs = run([...history, bp(41, 125, 80), { type: 'Tick', at: at(60) }]);
    // 10:41 is dose + 36 min: the check was done (from 10:08 it would be dose + 33, outside the window).
    expect(outputs.filter((o) => o.data.ruleId === 'bp-check-due')).toEqual([]);
  });

  it('never dates a dose after the time it is processed', () => {
    const raised = run([
      { type: 'SessionStarted', sessionId: 's1', at: at(0), data: {} },
      { type: 'DoseAdministered', sessionId: 's1', at: at(1), data: { route: 'oral', doseMg: 100, administeredAt: at(30) } },
      bp(2, 185, 90),
    ]).find((o) => o.type === 'AlertRaised');
    expect(raised?.data).toMatchObject({ phase: 'onset', minutesSinceDose: 1 });
  });
});

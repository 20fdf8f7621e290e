import type { DoseRoute } from '@vigil/domain';
import { defaultRuleSet } from '../default-rule-set';
import { evaluate } from '../engine';
import type { EngineInput, EngineOutput } from '../engine-io';
import { type EngineState, initialEngineState } from '../engine-state';
import type { RuleSet } from '../rule-set';

// Given / When / Then for the alert engine (docs/architecture.md): given these past inputs, when these inputs
// arrive, then exactly these outputs, summarised one per line as "10:00:15 raised spo2-low medium".

export const DAY = '2026-11-29';
export const T = (hhmmss: string): string => `${DAY}T${hhmmss}${hhmmss.includes('.') ? '' : '.000'}Z`;
export const S1 = 's1';

const addSeconds = (hhmmss: string, seconds: number): string => new Date(Date.parse(T(hhmmss)) + seconds * 1000).toISOString().slice(11, 19);

export const started = (at: string, sessionId = S1): EngineInput => ({ type: 'SessionStarted', sessionId, at: T(at), data: {} });
export const dose = (at: string, route: DoseRoute = 'intranasal', sessionId = S1): EngineInput => ({
  type: 'DoseAdministered',
  sessionId,
  at: T(at),
  data: { route, doseMg: 56 },
});
export const oximetry = (at: string, spo2: number | null, pulseRate: number | null = 80, extra: Record<string, unknown> = {}, sessionId = S1): EngineInput => ({
  type: 'OximetryObserved',
  sessionId,
  at: T(at),
  data: { spo2, pulseRate, ...extra },
});
export const sensorOff = (at: string, sessionId = S1): EngineInput => oximetry(at, null, null, { sensorOff: true }, sessionId);
export const bp = (at: string, systolic: number | null, diastolic: number | null, sessionId = S1): EngineInput => ({
  type: 'BloodPressureObserved',
  sessionId,
  at: T(at),
  data: { systolic, diastolic },
});
export const bound = (at: string, deviceId = 'ox-1', deviceKind: 'oximeter' | 'bloodPressureCuff' = 'oximeter', sessionId = S1): EngineInput => ({
  type: 'DeviceBound',
  sessionId,
  at: T(at),
  data: { deviceId, deviceKind },
});
export const unbound = (at: string, deviceId = 'ox-1', deviceKind: 'oximeter' | 'bloodPressureCuff' = 'oximeter', sessionId = S1): EngineInput => ({
  type: 'DeviceUnbound',
  sessionId,
  at: T(at),
  data: { deviceId, deviceKind },
});
export const ack = (at: string, ruleId: string, sessionId = S1): EngineInput => ({ type: 'AlertAcknowledged', sessionId, at: T(at), data: { ruleId } });
export const ackAlert = (at: string, alertId: string, sessionId = S1): EngineInput => ({ type: 'AlertAcknowledged', sessionId, at: T(at), data: { alertId } });
export const ended = (at: string, sessionId = S1): EngineInput => ({ type: 'SessionEnded', sessionId, at: T(at), data: {} });
export const tick = (at: string): EngineInput => ({ type: 'Tick', at: T(at) });

/** One oximetry reading a second from `from`: each value is SpO2, or [SpO2, pulse rate]. */
export function everySecond(from: string, values: readonly (number | null | readonly [number | null, number | null])[], sessionId = S1): EngineInput[] {
  return values.map((value, i) => {
    const [spo2, pulseRate] = Array.isArray(value) ? value : [value as number | null, 80];
    return oximetry(addSeconds(from, i), spo2, pulseRate, {}, sessionId);
  });
}

/** `count` readings a second with the same values, from `from`. */
export const steady = (from: string, count: number, spo2: number | null, pulseRate: number | null = 80, sessionId = S1): EngineInput[] =>
  everySecond(from, Array.from({ length: count }, () => [spo2, pulseRate] as const), sessionId);

export function summarise(output: EngineOutput): string {
  const ms = output.at.slice(19, 23);
  const time = output.at.slice(11, 19) + (ms === '.000' ? '' : ms);
  const session = output.sessionId === S1 ? '' : `${output.sessionId} `;
  switch (output.type) {
    case 'AlertRaised':
      return `${session}${time} raised ${output.data.ruleId} ${output.data.priority}`;
    case 'AlertEscalated':
      return `${session}${time} escalated ${output.data.ruleId} ${output.data.priority}`;
    case 'AlertCleared':
      return `${session}${time} cleared ${output.data.ruleId} ${output.data.reason}`;
    default: {
      const exhaustive: never = output;
      return exhaustive;
    }
  }
}

type Inputs = readonly (EngineInput | Inputs)[];
const flatten = (inputs: Inputs): EngineInput[] => inputs.flatMap((item) => (Array.isArray(item) ? flatten(item as Inputs) : [item as EngineInput]));

export function run(state: EngineState, inputs: readonly EngineInput[], ruleSet: RuleSet): { state: EngineState; outputs: EngineOutput[] } {
  let current = state;
  const outputs: EngineOutput[] = [];
  for (const input of inputs) {
    const result = evaluate(current, input, ruleSet);
    current = result.state;
    outputs.push(...result.outputs);
  }
  return { state: current, outputs };
}

export function scenario(ruleSet: RuleSet = defaultRuleSet) {
  return {
    given: (...history: Inputs) => {
      const past = run(initialEngineState(), flatten(history), ruleSet);
      return {
        pastOutputs: past.outputs,
        when: (...inputs: Inputs) => {
          const act = () => run(past.state, flatten(inputs), ruleSet);
          return {
            /** Exactly these outputs, in this order. */
            then: (...expected: string[]) => expect(act().outputs.map(summarise)).toEqual(expected),
            /** Nothing at all. */
            thenNothing: () => expect(act().outputs.map(summarise)).toEqual([]),
            thenOutputs: (check: (outputs: EngineOutput[], state: EngineState) => void) => {
              const result = act();
              check(result.outputs, result.state);
            },
            thenRejects: (error: new (...args: never[]) => Error, message?: RegExp) => {
              expect(act).toThrow(error);
              if (message) expect(act).toThrow(message);
            },
          };
        },
      };
    },
  };
}

export const { given } = scenario();

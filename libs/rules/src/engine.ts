import type { DoseRoute } from '@vigil/domain';
import { acknowledgeAlarm, clearAlarm, conditionResolved, escalateAlarm } from './alarm-lifecycle';
import { fireDeadlinesUntil, nextDeadline } from './deadlines';
import { InputOutOfOrderError, InvalidEngineInputError } from './engine-errors';
import type { EngineInput, EngineOutput, SessionInput } from './engine-io';
import { type EngineState, type EvaluationContext, type SessionState, openSession } from './engine-state';
import { formatInstant, parseInstant } from './instant';
import { parseEngineInput } from './parse-engine-input';
import { deviceBinding } from './no-data';
import { evaluateReading } from './reading-rules';
import { type RuleSet, ruleSetVersionOf } from './rule-set';
import { resetRun } from './run-rule';
import { getSession, sessionEntries, setSession } from './session-table';

/**
 * The alert engine: a pure function of (state, input). It never reads a clock; live mode feeds
 * Ticks, replay feeds recorded time, and the same inputs through the same rule set always give
 * the same outputs. Outputs are in time order. Throws InvalidEngineInputError or
 * InputOutOfOrderError, leaving the given state untouched.
 *
 * Use one rule set for the life of a state: alarm state is keyed by rule id.
 */
export function evaluate(state: EngineState, given: EngineInput, ruleSet: RuleSet): { state: EngineState; outputs: EngineOutput[] } {
  // The one definition of an input (engine-input.schema.ts), whoever built it.
  const input = parseEngineInput(given);
  const at = parseInstant(input.at)!;
  if (input.type === 'Tick') return evaluateTick(state, at, ruleSet);

  const existing = getSession(state.sessions, input.sessionId);
  // An ended session raises nothing more; late readings from a device still attached are ignored.
  if (existing?.status === 'ended') return { state, outputs: [] };
  const clock = Math.max(existing?.clock ?? -Infinity, state.tickClock ?? -Infinity);
  if (at < clock) throw new InputOutOfOrderError(input.sessionId, formatInstant(at), formatInstant(clock));

  const ctx: EvaluationContext = { ruleSet, ruleSetVersion: ruleSetVersionOf(ruleSet), sessionId: input.sessionId, outputs: [] };
  // A session opens at its first input: a stream missing SessionStarted is still watched, since
  // refusing to monitor a patient over a bookkeeping gap is the worse failure.
  let session = fireDeadlinesUntil(existing ?? openSession(at), ctx, at, false);
  session = applySessionInput(session, ctx, input, at);
  session = { ...session, clock: at };
  return { state: { ...state, sessions: setSession(state.sessions, input.sessionId, session) }, outputs: ctx.outputs };
}

function applySessionInput(session: SessionState, ctx: EvaluationContext, input: SessionInput, at: number): SessionState {
  switch (input.type) {
    case 'SessionStarted':
      return session;
    case 'DeviceBound':
    case 'DeviceUnbound':
      return deviceBinding(session, ctx, input.type === 'DeviceBound', at, input.data);
    case 'DoseAdministered':
      return administerDose(session, ctx, input, at);
    case 'OximetryObserved':
    case 'BloodPressureObserved':
      return evaluateReading(session, ctx, input.type, at, input.data);
    case 'AlertAcknowledged':
      return acknowledge(session, ctx, input, at);
    case 'SessionEnded':
      return endSession(session, ctx, at);
    default: {
      const exhaustive: never = input.type;
      throw new InvalidEngineInputError('type', `is not an engine input type: ${JSON.stringify(exhaustive)}`);
    }
  }
}

function administerDose(session: SessionState, ctx: EvaluationContext, input: SessionInput, at: number): SessionState {
  const route = input.data['route'] as DoseRoute;
  const firstDose = session.doses.length === 0;
  // A dose is often recorded minutes after it was given: its stated time (never later than now)
  // sets the phase and the blood-pressure check window, and picks the baseline.
  const stated = typeof input.data['administeredAt'] === 'string' ? parseInstant(input.data['administeredAt']) : undefined;
  const doseAt = stated !== undefined && stated <= at ? stated : at;
  let updated: SessionState = { ...session, doses: [...session.doses, { route, administeredAt: formatInstant(doseAt), atMs: doseAt }] };
  if (!firstDose) return updated;
  // A rule whose alarm matters more once the patient is dosed (oximeter-no-data) is raised to its
  // post-dose priority at the dose's recording: that is when the engine learns of it.
  for (const rule of ctx.ruleSet.rules) {
    if (rule.priorityAfterDose !== undefined) updated = escalateAlarm(updated, ctx, rule.id, at, rule.priorityAfterDose);
  }
  const before = session.preDoseBloodPressures.filter((reading) => reading.at < doseAt).at(-1);
  updated = { ...updated, baseline: before ? { systolic: before.systolic, diastolic: before.diastolic } : undefined, preDoseBloodPressures: [] };
  // Pre-dose rules end with the first dose (issue: "predose-bp also clears at the dose").
  for (const rule of ctx.ruleSet.rules) {
    if (rule.condition.type === 'threshold' && rule.condition.scope === 'pre-dose') {
      updated = resetRun(conditionResolved(updated, ctx, rule.id, at, 'dose-administered'), rule.id);
    }
  }
  return updated;
}

/**
 * The app acknowledges by alert id; a recorded stream may name the rule. With an alert id, only
 * that alarm is acknowledged: an acknowledgement for an alarm that has since cleared must not
 * silence a newer alarm of the same rule. An acknowledgement matching no active alarm is a no-op
 * (a nurse may click just as the alarm clears).
 */
function acknowledge(session: SessionState, ctx: EvaluationContext, input: SessionInput, at: number): SessionState {
  // Checked by parseEngineInput: strings when present, and at least one of them.
  const alertId = input.data['alertId'] as string | undefined;
  const ruleId = input.data['ruleId'] as string | undefined;
  if (alertId === undefined) return acknowledgeAlarm(session, ctx, ruleId!, at);
  const alarm = Object.values(session.alarms).find((candidate) => candidate.alertId === alertId);
  if (alarm === undefined) return session;
  if (ruleId !== undefined && ruleId !== alarm.ruleId) {
    throw new InvalidEngineInputError('data.ruleId', `is "${ruleId}" but alert ${alertId} belongs to rule "${alarm.ruleId}"`);
  }
  return acknowledgeAlarm(session, ctx, alarm.ruleId, at);
}

function endSession(session: SessionState, ctx: EvaluationContext, at: number): SessionState {
  let updated = session;
  // In rule-set order, so that the outputs are deterministic.
  for (const rule of ctx.ruleSet.rules) updated = clearAlarm(updated, ctx, rule.id, at, 'session-ended');
  return { ...openSession(at), doses: updated.doses, status: 'ended' };
}

function evaluateTick(state: EngineState, at: number, ruleSet: RuleSet): { state: EngineState; outputs: EngineOutput[] } {
  // A Tick older than the last one carries no news (timers can jitter); it is not an error.
  if (state.tickClock !== undefined && at <= state.tickClock) return { state, outputs: [] };
  const ruleSetVersion = ruleSetVersionOf(ruleSet);
  const outputs: EngineOutput[] = [];
  let sessions = state.sessions;
  for (const [sessionId, session] of sessionEntries(state.sessions)) {
    const ctx: EvaluationContext = { ruleSet, ruleSetVersion, sessionId, outputs };
    const due = nextDeadline(session, ctx);
    if (due === undefined || due.at > at) continue;
    sessions = setSession(sessions, sessionId, fireDeadlinesUntil(session, ctx, at, true));
  }
  // Each session's outputs are already in time order; merge sessions by time, then by session id.
  const ordered = outputs
    .map((output, index) => ({ output, index }))
    .sort((a, b) => compareText(a.output.at, b.output.at) || compareText(a.output.sessionId, b.output.sessionId) || a.index - b.index)
    .map(({ output }) => output);
  return { state: { sessions, tickClock: at }, outputs: ordered };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

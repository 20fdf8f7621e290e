import { conditionOnset, conditionResolved } from './alarm-lifecycle';
import type { AlarmTrigger } from './engine-io';
import type { EvaluationContext, RunState, SessionState } from './engine-state';
import type { Rule } from './rule-set';

/** A valid reading's verdict for one rule: the breach that makes the condition true, or none. */
export type Verdict = {
  readonly breach: AlarmTrigger | undefined;
  /** The reading's values of the rule's measures, and for each the largest plausible change per second. */
  readonly values?: readonly number[];
  readonly maxStepPerSecond?: readonly (number | undefined)[];
};

/**
 * A value that moved further from the previous valid reading (within the gap limit) than the body
 * can move it: a motion artefact, not the patient (docs/alarm-semantics.md "Implausible steps").
 */
function implausibleStep(previous: RunState, at: number, verdict: Verdict): boolean {
  if (previous.lastValidAt === undefined || previous.lastValues === undefined || verdict.values === undefined || verdict.maxStepPerSecond === undefined) return false;
  const seconds = Math.max(1, (at - previous.lastValidAt) / 1000);
  return verdict.values.some((value, i) => {
    const step = verdict.maxStepPerSecond![i];
    const before = previous.lastValues![i];
    return step !== undefined && before !== undefined && Math.abs(value - before) > step * seconds;
  });
}

const NO_RUN: RunState = { breachSince: undefined, okSince: undefined, lastValidAt: undefined, lastValues: undefined };

/**
 * Condition delay and clearing by runs of valid readings (issue, "Continuous rules"): a run of
 * breaching readings starts at T0 and the alarm is raised at the first breaching reading t with
 * t − T0 ≥ delay (`at` = t). While the alarm's condition holds, it resolves at the first valid
 * reading t with t − C0 ≥ clearAfter, C0 being the first of an unbroken run of non-breaching
 * readings; the resolution's `at` is t. Discrete rules (blood pressure) are the same with a
 * clearAfter of 0: a reading that no longer breaches resolves at once. Invalid readings never
 * reach here, so they do not extend a run; but a run (of breaching or of non-breaching readings)
 * ends when this valid reading comes more than `maxGapMs` after the previous valid one, and this
 * reading starts a new run: readings on either side of a sensor-off gap are not one episode.
 * A reading whose value jumped implausibly from the previous one inside a run (both breaching,
 * or both not) restarts that run at itself: two motion artefacts back to back are not one
 * sustained episode, while a single jump (onset, or the probe's first good reading) starts a
 * run as any reading does.
 */
export function advanceRun(
  session: SessionState,
  ctx: EvaluationContext,
  rule: Rule,
  at: number,
  verdict: Verdict,
  conditionDelayMs: number,
  clearAfterMs: number,
  maxGapMs: number,
): SessionState {
  const previous = session.runs[rule.id] ?? NO_RUN;
  const gap = previous.lastValidAt !== undefined && at - previous.lastValidAt > maxGapMs;
  const jumped = !gap && implausibleStep(previous, at, verdict);
  const run = gap ? NO_RUN : jumped ? { ...previous, breachSince: undefined, okSince: undefined } : previous;
  const alarm = session.alarms[rule.id];
  const seen = { lastValidAt: at, lastValues: verdict.values };
  let next: RunState;
  let updated = session;
  if (verdict.breach !== undefined) {
    const breachSince = run.breachSince ?? at;
    next = { breachSince, okSince: undefined, ...seen };
    if (at - breachSince >= conditionDelayMs) updated = conditionOnset(updated, ctx, rule, at, verdict.breach);
  } else if (alarm !== undefined && alarm.conditionActive) {
    const okSince = run.okSince ?? at;
    if (at - okSince >= clearAfterMs) {
      next = { ...NO_RUN, ...seen };
      updated = conditionResolved(updated, ctx, rule.id, at, 'condition-resolved');
    } else {
      next = { breachSince: undefined, okSince, ...seen };
    }
  } else {
    next = { ...NO_RUN, ...seen };
  }
  return { ...updated, runs: { ...updated.runs, [rule.id]: next } };
}

/** Forget a rule's run, e.g. when its scope ends at the dose. */
export function resetRun(session: SessionState, ruleId: string): SessionState {
  if (session.runs[ruleId] === undefined) return session;
  const runs = { ...session.runs };
  delete runs[ruleId];
  return { ...session, runs };
}

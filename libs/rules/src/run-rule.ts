import { conditionOnset, conditionResolved } from './alarm-lifecycle';
import type { AlarmTrigger } from './engine-io';
import type { EvaluationContext, RunState, SessionState } from './engine-state';
import type { Rule } from './rule-set';

/** A valid reading's verdict for one rule: the breach that makes the condition true, or none. */
export type Verdict = { readonly breach: AlarmTrigger | undefined };

const NO_RUN: RunState = { breachSince: undefined, okSince: undefined };

/**
 * Condition delay and clearing by runs of valid readings (issue, "Continuous rules"): a run of
 * breaching readings starts at T0 and the alarm is raised at the first breaching reading t with
 * t − T0 ≥ delay (`at` = t). While the alarm's condition holds, it resolves at the first valid
 * reading t with t − C0 ≥ clearAfter, C0 being the first of an unbroken run of non-breaching
 * readings; the resolution's `at` is t. Discrete rules (blood pressure) are the same with a
 * clearAfter of 0: a reading that no longer breaches resolves at once. Invalid readings never
 * reach here, so they neither extend nor break a run.
 */
export function advanceRun(
  session: SessionState,
  ctx: EvaluationContext,
  rule: Rule,
  at: number,
  verdict: Verdict,
  conditionDelayMs: number,
  clearAfterMs: number,
): SessionState {
  const run = session.runs[rule.id] ?? NO_RUN;
  const alarm = session.alarms[rule.id];
  let next: RunState;
  let updated = session;
  if (verdict.breach !== undefined) {
    const breachSince = run.breachSince ?? at;
    next = { breachSince, okSince: undefined };
    if (at - breachSince >= conditionDelayMs) updated = conditionOnset(updated, ctx, rule, at, verdict.breach);
  } else if (alarm !== undefined && alarm.conditionActive) {
    const okSince = run.okSince ?? at;
    if (at - okSince >= clearAfterMs) {
      next = NO_RUN;
      updated = conditionResolved(updated, ctx, rule.id, at, 'condition-resolved');
    } else {
      next = { breachSince: undefined, okSince };
    }
  } else {
    next = NO_RUN;
  }
  if (next.breachSince === run.breachSince && next.okSince === run.okSince) return updated;
  return { ...updated, runs: { ...updated.runs, [rule.id]: next } };
}

/** Forget a rule's run, e.g. when its scope ends at the dose. */
export function resetRun(session: SessionState, ruleId: string): SessionState {
  if (session.runs[ruleId] === undefined) return session;
  const runs = { ...session.runs };
  delete runs[ruleId];
  return { ...session, runs };
}

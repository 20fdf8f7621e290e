import { conditionOnset, escalateAlarm } from './alarm-lifecycle';
import type { EvaluationContext, SessionState } from './engine-state';
import { MINUTE_MS, SECOND_MS } from './instant';
import type { Rule } from './rule-set';

// Time-driven transitions: escalation, oximeter-signal-lost and bp-check-due. The engine never
// reads a clock; a deadline fires when an input (a reading, a command or a Tick) carries a time at
// or after it, and the output's `at` is the deadline itself, not the input's time.

type Deadline = { readonly at: number; readonly rule: Rule; readonly kind: 'escalation' | 'signal-lost' | 'check-due' };

function escalationDeadline(session: SessionState, ctx: EvaluationContext, rule: Rule): Deadline | undefined {
  const alarm = session.alarms[rule.id];
  // Issue: a medium alarm still active and unacknowledged 120 s after it was raised escalates;
  // low alarms do not, and a high one (raised high, escalated, or latched) has nowhere to go.
  if (alarm === undefined || alarm.priority !== 'medium' || alarm.acknowledgedAt !== undefined) return undefined;
  return { at: alarm.raisedAt + ctx.ruleSet.alarmPolicy.escalateMediumAfterSeconds * SECOND_MS, rule, kind: 'escalation' };
}

function conditionDeadline(session: SessionState, rule: Rule): Deadline | undefined {
  const alarm = session.alarms[rule.id];
  const condition = rule.condition;
  switch (condition.type) {
    case 'signalLost': {
      // Watched from the session's first oximetry reading; measured from the last valid one.
      if (session.firstOximetryAt === undefined || alarm?.conditionActive === true) return undefined;
      const since = session.lastValidOximetryAt[rule.id] ?? session.firstOximetryAt;
      return { at: since + condition.conditionDelaySeconds * SECOND_MS, rule, kind: 'signal-lost' };
    }
    case 'checkDue': {
      // Anchored to the latest dose: a booster moves the expected check with the window it extends.
      const dose = session.doses[session.doses.length - 1];
      if (dose === undefined || session.checkDueDecidedFor[rule.id] === dose.atMs) return undefined;
      return { at: dose.atMs + condition.windowEndMinutes * MINUTE_MS, rule, kind: 'check-due' };
    }
    case 'threshold':
    case 'baselineRise':
      return undefined;
    default: {
      const exhaustive: never = condition;
      return exhaustive;
    }
  }
}

/** The earliest pending deadline; ties go to the rule listed first in the rule set. */
export function nextDeadline(session: SessionState, ctx: EvaluationContext): Deadline | undefined {
  if (session.status === 'ended') return undefined;
  let earliest: Deadline | undefined;
  const consider = (deadline: Deadline | undefined): void => {
    if (deadline !== undefined && (earliest === undefined || deadline.at < earliest.at)) earliest = deadline;
  };
  for (const rule of ctx.ruleSet.rules) {
    consider(escalationDeadline(session, ctx, rule));
    consider(conditionDeadline(session, rule));
  }
  return earliest;
}

function fire(session: SessionState, ctx: EvaluationContext, deadline: Deadline): SessionState {
  const { at, rule } = deadline;
  switch (deadline.kind) {
    case 'escalation':
      return escalateAlarm(session, ctx, rule.id, at);
    case 'signal-lost': {
      if (rule.condition.type !== 'signalLost') return session;
      const seconds = rule.condition.conditionDelaySeconds;
      return conditionOnset(session, ctx, rule, at, {
        measure: 'secondsWithoutValidOximetry',
        comparison: '>=',
        value: seconds,
        threshold: seconds,
        unit: 's',
      });
    }
    case 'check-due': {
      const dose = session.doses[session.doses.length - 1];
      if (rule.condition.type !== 'checkDue' || dose === undefined) return session;
      const decided = { ...session, checkDueDecidedFor: { ...session.checkDueDecidedFor, [rule.id]: dose.atMs } };
      // Issue: raised when no blood-pressure reading fell in [dose + start, dose + end].
      const windowStart = dose.atMs + rule.condition.windowStartMinutes * MINUTE_MS;
      const checked = session.lastValidBloodPressureAt !== undefined && session.lastValidBloodPressureAt >= windowStart;
      if (checked) return decided;
      const minutes = rule.condition.windowEndMinutes;
      return conditionOnset(decided, ctx, rule, at, {
        measure: 'minutesSinceDoseWithoutBloodPressure',
        comparison: '>=',
        value: minutes,
        threshold: minutes,
        unit: 'min',
      });
    }
    default: {
      const exhaustive: never = deadline.kind;
      return exhaustive;
    }
  }
}

/**
 * Fires, in time order, every deadline at or before `until`, including deadlines that firing
 * creates (signal lost at L + 20 s, then its escalation at L + 140 s). Deadlines at exactly the
 * input's time fire before the input is applied, so the outputs do not depend on whether a Tick
 * happened to carry that same instant first: replays need not reproduce the live ticks.
 */
export function fireDeadlinesUntil(session: SessionState, ctx: EvaluationContext, until: number): SessionState {
  let current = session;
  for (let deadline = nextDeadline(current, ctx); deadline !== undefined && deadline.at <= until; deadline = nextDeadline(current, ctx)) {
    current = fire(current, ctx, deadline);
  }
  return current;
}

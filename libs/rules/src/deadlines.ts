import { conditionOnset, escalateAlarm } from './alarm-lifecycle';
import type { EvaluationContext, SessionState } from './engine-state';
import { MINUTE_MS, SECOND_MS } from './instant';
import { noDataDeadline } from './no-data';
import type { Rule } from './rule-set';

// Time-driven transitions: escalation, oximeter-signal-lost, oximeter-no-data and bp-check-due. The engine never
// reads a clock; a deadline fires when an input (a reading, a command or a Tick) carries a time at
// or after it, and the output's `at` is the deadline itself, not the input's time.

type Deadline = { readonly at: number; readonly rule: Rule; readonly kind: 'escalation' | 'signal-lost' | 'check-due' | 'no-data' };

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
    case 'noData': {
      const at = noDataDeadline(session, rule, condition);
      return at === undefined ? undefined : { at, rule, kind: 'no-data' };
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
    case 'signal-lost':
    case 'no-data': {
      if (rule.condition.type !== 'signalLost' && rule.condition.type !== 'noData') return session;
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
 * Fires, in time order, every deadline before `until` (at or before it when `inclusive`),
 * including deadlines that firing creates (signal lost at L + 20 s, then its escalation at
 * L + 140 s). An input fires only the deadlines strictly before its time and is then applied:
 * inputs at one instant come before the deadlines at that instant, so a reading at exactly
 * L + 20 s keeps the signal-lost alarm from being raised at all rather than raising and clearing
 * it at one instant (issue 16, item 3). A Tick says that its time has come and fires inclusively.
 */
export function fireDeadlinesUntil(session: SessionState, ctx: EvaluationContext, until: number, inclusive: boolean): SessionState {
  let current = session;
  const due = (at: number): boolean => (inclusive ? at <= until : at < until);
  for (let deadline = nextDeadline(current, ctx); deadline !== undefined && due(deadline.at); deadline = nextDeadline(current, ctx)) {
    current = fire(current, ctx, deadline);
  }
  return current;
}

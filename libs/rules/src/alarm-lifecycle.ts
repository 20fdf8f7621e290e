import { minutesSinceDose, phaseAt } from '@vigil/domain';
import { alertIdAt } from './alert-id';
import type { AlarmTrigger, AlertClearReason } from './engine-io';
import type { AlarmState, EvaluationContext, SessionState } from './engine-state';
import { SECOND_MS, formatInstant } from './instant';
import type { Priority, Rule } from './rule-set';

// Alarm transitions modelled on IEC 60601-1-8 (docs/clinical-sources.md §4.1): raise, escalate, acknowledge
// (audio paused, alarm still shown), latch (high priority), clear. Every transition is an output.

function withAlarm(session: SessionState, ruleId: string, alarm: AlarmState | undefined): SessionState {
  const alarms = { ...session.alarms };
  if (alarm === undefined) delete alarms[ruleId];
  else alarms[ruleId] = alarm;
  return { ...session, alarms };
}

const roundMinutes = (minutes: number | undefined): number | null => (minutes === undefined ? null : Math.round(minutes * 100) / 100);

/** The rule's condition now holds: raise its alarm, or re-arm a latched one (one alarm per rule). */
export function conditionOnset(session: SessionState, ctx: EvaluationContext, rule: Rule, at: number, trigger: AlarmTrigger): SessionState {
  const existing = session.alarms[rule.id];
  if (existing !== undefined) {
    return existing.conditionActive ? session : withAlarm(session, rule.id, { ...existing, conditionActive: true });
  }
  const previous = session.lastRaise[rule.id];
  const nth = previous?.at === at ? previous.count + 1 : 1;
  const alertId = alertIdAt(ctx.sessionId, rule.id, at, nth);
  const iso = formatInstant(at);
  const priority = session.doses.length > 0 && rule.priorityAfterDose !== undefined ? rule.priorityAfterDose : rule.priority;
  ctx.outputs.push({
    type: 'AlertRaised',
    sessionId: ctx.sessionId,
    at: iso,
    data: {
      alertId,
      ruleId: rule.id,
      ruleSetVersion: ctx.ruleSetVersion,
      title: rule.title,
      priority,
      kind: rule.kind,
      phase: phaseAt(session.doses, iso),
      minutesSinceDose: roundMinutes(minutesSinceDose(session.doses, iso)),
      ...trigger,
    },
  });
  const raised = { ...session, lastRaise: { ...session.lastRaise, [rule.id]: { at, count: nth } } };
  return withAlarm(raised, rule.id, {
    alertId,
    ruleId: rule.id,
    raisedAt: at,
    priority,
    conditionActive: true,
    acknowledgedAt: undefined,
    audioPausedUntil: undefined,
  });
}

/**
 * The rule's condition no longer holds. A high-priority alarm latches until acknowledged (IEC
 * 60601-1-8: latching alarms continue "until stopped by deliberate operator action"); priority is
 * the current one, so a medium alarm escalated to high latches too, since nobody has seen it yet.
 * An acknowledged high alarm, and any other alarm, clears now.
 */
export function conditionResolved(session: SessionState, ctx: EvaluationContext, ruleId: string, at: number, reason: AlertClearReason): SessionState {
  const alarm = session.alarms[ruleId];
  if (alarm === undefined || !alarm.conditionActive) return session;
  if (alarm.priority === 'high' && alarm.acknowledgedAt === undefined) {
    return withAlarm(session, ruleId, { ...alarm, conditionActive: false });
  }
  return clearAlarm(session, ctx, ruleId, at, reason);
}

export function clearAlarm(session: SessionState, ctx: EvaluationContext, ruleId: string, at: number, reason: AlertClearReason): SessionState {
  const alarm = session.alarms[ruleId];
  if (alarm === undefined) return session;
  const iso = formatInstant(at);
  ctx.outputs.push({
    type: 'AlertCleared',
    sessionId: ctx.sessionId,
    at: iso,
    data: { alertId: alarm.alertId, ruleId, ruleSetVersion: ctx.ruleSetVersion, reason, phase: phaseAt(session.doses, iso) },
  });
  return withAlarm(session, ruleId, undefined);
}

const PRIORITY_RANK: Readonly<Record<Priority, number>> = { low: 0, medium: 1, high: 2 };

/**
 * A medium alarm nobody acknowledged in time becomes high; `at` is its deadline. With `to`, the
 * alarm is raised to that priority whatever its acknowledgement (a rule's post-dose priority): the
 * situation itself has become more urgent.
 */
export function escalateAlarm(session: SessionState, ctx: EvaluationContext, ruleId: string, at: number, to?: Priority): SessionState {
  const alarm = session.alarms[ruleId];
  if (alarm === undefined) return session;
  if (to === undefined && (alarm.priority !== 'medium' || alarm.acknowledgedAt !== undefined)) return session;
  const priority = to ?? 'high';
  if (PRIORITY_RANK[priority] <= PRIORITY_RANK[alarm.priority]) return session;
  const iso = formatInstant(at);
  ctx.outputs.push({
    type: 'AlertEscalated',
    sessionId: ctx.sessionId,
    at: iso,
    data: {
      alertId: alarm.alertId,
      ruleId,
      ruleSetVersion: ctx.ruleSetVersion,
      priority,
      previousPriority: alarm.priority,
      phase: phaseAt(session.doses, iso),
    },
  });
  return withAlarm(session, ruleId, { ...alarm, priority });
}

/**
 * Acknowledgement stops escalation and pauses the audio for the policy's time; the alarm stays
 * until it clears. A latched alarm (condition already resolved) clears at the acknowledgement.
 * A repeated acknowledgement changes nothing: the first one's pause stands.
 */
export function acknowledgeAlarm(session: SessionState, ctx: EvaluationContext, ruleId: string, at: number): SessionState {
  const alarm = session.alarms[ruleId];
  if (alarm === undefined || alarm.acknowledgedAt !== undefined) return session;
  if (!alarm.conditionActive) return clearAlarm(session, ctx, ruleId, at, 'acknowledged');
  const audioPausedUntil = at + ctx.ruleSet.alarmPolicy.audioPauseSeconds * SECOND_MS;
  return withAlarm(session, ruleId, { ...alarm, acknowledgedAt: at, audioPausedUntil });
}

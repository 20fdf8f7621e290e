import { conditionResolved } from './alarm-lifecycle';
import type { AlertClearReason } from './engine-io';
import type { EvaluationContext, SessionState } from './engine-state';
import { SECOND_MS } from './instant';
import { type ReadingData, validValues } from './reading-values';
import type { NoDataCondition, Rule } from './rule-set';

// oximeter-no-data (issue 16, item 4): oximeter-signal-lost is watched only from a first reading,
// so an oximeter that is bound and never sends would stay silent forever. A noData rule watches
// each bound oximeter from its binding until its first valid reading; its deadline is in deadlines.ts.

type NoDataRule = Rule & { readonly condition: NoDataCondition };
const noDataRules = (ctx: EvaluationContext): NoDataRule[] => ctx.ruleSet.rules.filter((rule): rule is NoDataRule => rule.condition.type === 'noData');

function withSilent(session: SessionState, ruleId: string, silent: Readonly<Record<string, number>>): SessionState {
  return { ...session, silentOximeters: { ...session.silentOximeters, [ruleId]: silent } };
}

/** Removes devices from a rule's watch; the alarm resolves once no bound oximeter is left silent. */
function stopWatching(session: SessionState, ctx: EvaluationContext, rule: Rule, at: number, deviceIds: readonly string[], reason: AlertClearReason): SessionState {
  const silent = session.silentOximeters[rule.id] ?? {};
  // Own keys only: a device may be called `constructor` (docs/identifiers.md).
  if (!deviceIds.some((id) => Object.hasOwn(silent, id))) return session;
  const left = { ...silent };
  for (const id of deviceIds) delete left[id];
  const updated = withSilent(session, rule.id, left);
  return Object.keys(left).length === 0 ? conditionResolved(updated, ctx, rule.id, at, reason) : updated;
}

/** DeviceBound / DeviceUnbound: only oximeters are watched. A re-binding restarts the wait. */
export function deviceBinding(session: SessionState, ctx: EvaluationContext, bound: boolean, at: number, data: ReadingData): SessionState {
  const deviceId = data['deviceId'];
  if (data['deviceKind'] !== 'oximeter' || typeof deviceId !== 'string') return session;
  let updated = session;
  for (const rule of noDataRules(ctx)) {
    if (bound) updated = withSilent(updated, rule.id, { ...(updated.silentOximeters[rule.id] ?? {}), [deviceId]: at });
    else updated = stopWatching(updated, ctx, rule, at, [deviceId], 'device-unbound');
  }
  return updated;
}

/** A valid oximetry reading ends the wait for its device (a reading that names no device, for every one). */
export function oximeterHeardFrom(session: SessionState, ctx: EvaluationContext, rule: Rule, condition: NoDataCondition, at: number, data: ReadingData): SessionState {
  if (validValues(data, condition.requiredMeasures) === undefined) return session;
  const deviceId = data['deviceId'];
  const silent = Object.keys(session.silentOximeters[rule.id] ?? {});
  return stopWatching(session, ctx, rule, at, typeof deviceId === 'string' ? [deviceId] : silent, 'reading-received');
}

/** When the rule's condition starts to hold: the earliest silent binding plus the delay. */
export function noDataDeadline(session: SessionState, rule: Rule, condition: NoDataCondition): number | undefined {
  if (session.alarms[rule.id]?.conditionActive === true) return undefined;
  const boundTimes = Object.values(session.silentOximeters[rule.id] ?? {});
  if (boundTimes.length === 0) return undefined;
  return Math.min(...boundTimes) + condition.conditionDelaySeconds * SECOND_MS;
}

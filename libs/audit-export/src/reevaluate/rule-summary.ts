import type { AlarmTransition, SessionReevaluation } from './reevaluate-session';

// Across many sessions, per rule (issue 13, item 3 `--all`): how many more or fewer alarms the rule
// set would have raised, and how much earlier or later. Within each session a rule's raised alarms
// are paired in time order (the first recorded with the first re-evaluated, and so on): a threshold
// change mostly moves an alarm or adds/removes one, and pairing in order measures the move.

export type RuleSummary = {
  ruleId: string;
  sessions: number;
  recordedAlarms: number;
  reevaluatedAlarms: number;
  /** reevaluated − recorded: positive means more alarms under the re-evaluated rule set. */
  difference: number;
  /** Paired alarms raised earlier / later under the re-evaluated rule set. */
  earlier: number;
  later: number;
  /** Mean of (re-evaluated − recorded) raise time over the paired alarms, in seconds; null when none paired. */
  meanShiftSeconds: number | null;
};

const raisedByRule = (transitions: readonly AlarmTransition[]) => {
  const byRule = new Map<string, number[]>();
  for (const t of transitions) if (t.type === 'AlertRaised') byRule.set(t.ruleId, [...(byRule.get(t.ruleId) ?? []), Date.parse(t.at)]);
  for (const times of byRule.values()) times.sort((a, b) => a - b);
  return byRule;
};

export function summariseByRule(reevaluations: readonly SessionReevaluation[]): RuleSummary[] {
  const totals = new Map<string, RuleSummary & { shiftMs: number; paired: number }>();
  for (const session of reevaluations) {
    const recorded = raisedByRule(session.recorded);
    const reevaluated = raisedByRule(session.reevaluated);
    for (const ruleId of new Set([...recorded.keys(), ...reevaluated.keys()])) {
      const before = recorded.get(ruleId) ?? [];
      const after = reevaluated.get(ruleId) ?? [];
      const total = totals.get(ruleId) ?? { ruleId, sessions: 0, recordedAlarms: 0, reevaluatedAlarms: 0, difference: 0, earlier: 0, later: 0, meanShiftSeconds: null, shiftMs: 0, paired: 0 };
      total.sessions++;
      total.recordedAlarms += before.length;
      total.reevaluatedAlarms += after.length;
      for (let i = 0; i < Math.min(before.length, after.length); i++) {
        const shift = after[i]! - before[i]!;
        total.paired++;
        total.shiftMs += shift;
        if (shift < 0) total.earlier++;
        if (shift > 0) total.later++;
      }
      totals.set(ruleId, total);
    }
  }
  return [...totals.values()]
    .map(({ shiftMs, paired, ...summary }) => ({ ...summary, difference: summary.reevaluatedAlarms - summary.recordedAlarms, meanShiftSeconds: paired > 0 ? shiftMs / paired / 1000 : null }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId));
}

import type { RuleSummary } from './rule-summary';
import type { SessionReevaluation } from './reevaluate-session';

// The short tables a person reads beside the NDJSON (issue 13, item 3).

const pad = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
};

export function differencesTable(reevaluation: SessionReevaluation): string {
  const head = `session ${reevaluation.sessionId}: ${reevaluation.differences.length} difference(s) under ${reevaluation.ruleSetVersion} (recorded under ${reevaluation.recordedRuleSetVersions.join(', ') || 'no alarms'})\n`;
  if (reevaluation.differences.length === 0) return head;
  return head + pad([['change', 'at', 'transition', 'rule', 'priority', 'alert'], ...reevaluation.differences.map((d) => [d.change, d.at, d.type, d.ruleId, d.priority ?? '', d.alertId])]);
}

export function ruleSummaryTable(summaries: readonly RuleSummary[]): string {
  const shift = (s: number | null) => (s === null ? '' : `${s > 0 ? '+' : ''}${s.toFixed(1)} s`);
  return pad([
    ['rule', 'sessions', 'recorded', 'reevaluated', 'difference', 'earlier', 'later', 'mean shift'],
    ...summaries.map((s) => [s.ruleId, String(s.sessions), String(s.recordedAlarms), String(s.reevaluatedAlarms), `${s.difference > 0 ? '+' : ''}${s.difference}`, String(s.earlier), String(s.later), shift(s.meanShiftSeconds)]),
  ]);
}

import { ALERT_OUTPUT_TYPES, replaySession, type PositionComparator } from '@vigil/alerting';
import type { RecordedEvent } from '@vigil/event-store';
import { ruleSetVersionOf, type EngineOutput, type RuleSet } from '@vigil/rules';

// Re-evaluation (issue 13, item 3): a session's recorded inputs run through a rule set with the
// alert engine's own replay (libs/alerting session-engine.ts, recorded ticks included), compared
// with the alarm transitions the record holds. Under the rule version that was live the two are the
// same (docs/architecture.md "Time and determinism"); under another, the differences are what would have changed.

export type AlarmTransition = {
  type: 'AlertRaised' | 'AlertEscalated' | 'AlertCleared';
  alertId: string;
  ruleId: string;
  at: string;
  priority?: string;
  ruleSetVersion?: string;
};

/** `recorded-only`: in the record, not produced by the rule set; `reevaluated-only`: the reverse. */
export type AlarmDifference = AlarmTransition & { change: 'recorded-only' | 'reevaluated-only' };

export type SessionReevaluation = {
  sessionId: string;
  ruleSetVersion: string;
  /** The rule-set versions named on the recorded alarm events (what was live). */
  recordedRuleSetVersions: string[];
  recorded: AlarmTransition[];
  reevaluated: AlarmTransition[];
  differences: AlarmDifference[];
};

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const keyOf = (t: AlarmTransition) => `${t.type}|${t.alertId}|${Date.parse(t.at)}`;

function recordedTransition(event: RecordedEvent): AlarmTransition {
  const d = event.data;
  const priority = str(d.priority);
  const version = str(d.ruleSetVersion);
  return {
    type: event.type as AlarmTransition['type'],
    alertId: str(d.alertId) ?? '',
    ruleId: str(d.ruleId) ?? '',
    at: str(d.at) ?? event.occurredAt,
    ...(priority ? { priority } : {}),
    ...(version ? { ruleSetVersion: version } : {}),
  };
}

function outputTransition(output: EngineOutput): AlarmTransition {
  const priority = 'priority' in output.data ? output.data.priority : undefined;
  return { type: output.type, alertId: output.data.alertId, ruleId: output.data.ruleId, at: output.at, ...(priority ? { priority } : {}), ruleSetVersion: output.data.ruleSetVersion };
}

const recordedAlarmEvents = (events: readonly RecordedEvent[]) => events.filter((event) => ALERT_OUTPUT_TYPES.has(event.type));

/** The rule-set versions the record's alarm events name, sorted. */
export function recordedRuleSetVersions(events: readonly RecordedEvent[]): string[] {
  return versionsOf(recordedAlarmEvents(events).map(recordedTransition));
}
const versionsOf = (transitions: readonly AlarmTransition[]) => [...new Set(transitions.flatMap((t) => (t.ruleSetVersion ? [t.ruleSetVersion] : [])))].sort();

export function reevaluateSession(sessionId: string, events: readonly RecordedEvent[], ruleSet: RuleSet, comparePositions: PositionComparator): SessionReevaluation {
  const recorded = recordedAlarmEvents(events).map(recordedTransition);
  const reevaluated = replaySession(events, ruleSet, comparePositions).outputs.map(({ output }) => outputTransition(output));
  const recordedKeys = new Set(recorded.map(keyOf));
  const reevaluatedKeys = new Set(reevaluated.map(keyOf));
  const differences: AlarmDifference[] = [
    ...recorded.filter((t) => !reevaluatedKeys.has(keyOf(t))).map((t) => ({ ...t, change: 'recorded-only' as const })),
    ...reevaluated.filter((t) => !recordedKeys.has(keyOf(t))).map((t) => ({ ...t, change: 'reevaluated-only' as const })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.change.localeCompare(b.change));
  return {
    sessionId,
    ruleSetVersion: ruleSetVersionOf(ruleSet),
    recordedRuleSetVersions: versionsOf(recorded),
    recorded,
    reevaluated,
    differences,
  };
}

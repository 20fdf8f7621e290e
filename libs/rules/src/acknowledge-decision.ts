import type { RuleSet } from './rule-set';

/**
 * Whether staff may acknowledge an alarm, and what the acknowledgement records: a pure decision
 * (docs/alarm-semantics.md "Acknowledgement"). The engine then applies the recorded
 * acknowledgement: the alarm stops escalating and its sound pauses until `audioPausedUntil`; it
 * stays shown until its condition clears (a high alarm latches until acknowledged).
 */
export type AcknowledgeableAlarm = {
  readonly sessionId: string;
  readonly alertId: string;
  readonly ruleId: string;
  readonly acknowledged?: { readonly by: string; readonly at: string };
};

export type AcknowledgeCommand = { readonly sessionId: string; readonly alertId: string; readonly by: string; readonly note?: string; readonly at: string };

export type Acknowledgement = { sessionId: string; alertId: string; ruleId: string; by: string; note?: string; at: string; audioPausedUntil: string };

export type AcknowledgeDecision =
  | { readonly accepted: true; readonly acknowledgement: Acknowledgement }
  /** No such alarm is showing in this session: never raised, already cleared, or another session's. */
  | { readonly accepted: false; readonly reason: 'not-active' }
  /** Someone acknowledged it first: the sound is already paused; a second acknowledgement would hide who did. */
  | { readonly accepted: false; readonly reason: 'already-acknowledged'; readonly by: string; readonly at: string };

export function decideAcknowledge(alarm: AcknowledgeableAlarm | undefined, command: AcknowledgeCommand, ruleSet: RuleSet): AcknowledgeDecision {
  if (!alarm || alarm.sessionId !== command.sessionId || alarm.alertId !== command.alertId) return { accepted: false, reason: 'not-active' };
  if (alarm.acknowledged) return { accepted: false, reason: 'already-acknowledged', by: alarm.acknowledged.by, at: alarm.acknowledged.at };
  const audioPausedUntil = new Date(Date.parse(command.at) + ruleSet.alarmPolicy.audioPauseSeconds * 1000).toISOString();
  return {
    accepted: true,
    acknowledgement: {
      sessionId: command.sessionId,
      alertId: command.alertId,
      ruleId: alarm.ruleId,
      by: command.by,
      ...(command.note ? { note: command.note } : {}),
      at: command.at,
      audioPausedUntil,
    },
  };
}

import { parseStreamName, sessionStreamName, SessionNotFoundError } from '@vigil/domain';
import type { EventStore, RecordedEvent } from '@vigil/event-store';
import { recordAuditAccess } from '@vigil/audit-trail';
import { readSessionEvents } from '@vigil/report';
import { ruleSetVersionOf, type RuleSet } from '@vigil/rules';
import { sessionExportFiles, type ExportFile, type ExportFormat } from './export-formats';
import { reevaluateSession, type SessionReevaluation } from './reevaluate/reevaluate-session';
import { summariseByRule, type RuleSummary } from './reevaluate/rule-summary';
import { eventsInWindow, type ReplayWindow } from './replay-lines';

// The auditor's reads, shared by the CLI and the HTTP routes. Each one is recorded in the
// access-audit stream (issue 13, item 6) before anything is handed out: a read whose record
// cannot be written fails rather than leave no trace.

export type AuditReadContext = { store: EventStore; now: () => Date; by: string };

export async function auditedSessionEvents(store: EventStore, sessionId: string): Promise<RecordedEvent[]> {
  const events = await readSessionEvents(store, sessionId);
  if (!events) throw new SessionNotFoundError(sessionId);
  return events;
}

export async function replayForAudit(context: AuditReadContext, sessionId: string, window: ReplayWindow, detail: Record<string, string | number> = {}): Promise<RecordedEvent[]> {
  const events = eventsInWindow(await auditedSessionEvents(context.store, sessionId), window);
  await recordAuditAccess(context.store, { by: context.by, action: 'replay', sessionId, detail: { ...window, ...detail, events: events.length }, at: context.now().toISOString() });
  return events;
}

export async function exportForAudit(context: AuditReadContext, sessionId: string, format: ExportFormat): Promise<ExportFile[]> {
  const events = await auditedSessionEvents(context.store, sessionId);
  const at = context.now().toISOString();
  const files = sessionExportFiles(sessionId, events, format, at);
  await recordAuditAccess(context.store, { by: context.by, action: 'export', sessionId, detail: { format, events: events.length }, at });
  return files;
}

export async function reevaluateForAudit(context: AuditReadContext, sessionId: string, ruleSet: RuleSet): Promise<SessionReevaluation> {
  const events = await auditedSessionEvents(context.store, sessionId);
  const result = reevaluateSession(sessionId, events, ruleSet, (a, b) => context.store.comparePositions(a, b));
  await recordAuditAccess(context.store, { by: context.by, action: 'reevaluate', sessionId, detail: { ruleSetVersion: result.ruleSetVersion, differences: result.differences.length }, at: context.now().toISOString() });
  return result;
}

/** Sessions (from a list of stream names) whose SessionStarted is at or after `since`, in start order. */
export async function sessionsStartedSince(store: EventStore, streamNames: readonly string[], since: string): Promise<string[]> {
  const sinceMs = Date.parse(since);
  const started: { sessionId: string; at: number }[] = [];
  for (const name of streamNames) {
    const parsed = parseStreamName(name);
    if (parsed?.category !== 'session') continue;
    const [first] = await store.readStream(sessionStreamName(parsed.id), { maxCount: 1 });
    const at = first?.type === 'SessionStarted' ? Date.parse(typeof first.data.at === 'string' ? first.data.at : first.occurredAt) : NaN;
    if (at >= sinceMs) started.push({ sessionId: parsed.id, at });
  }
  return started.sort((a, b) => a.at - b.at).map(({ sessionId }) => sessionId);
}

export type ManyReevaluations = { since: string; ruleSetVersion: string; sessions: SessionReevaluation[]; rules: RuleSummary[] };

export async function reevaluateManyForAudit(context: AuditReadContext, sessionIds: readonly string[], since: string, ruleSet: RuleSet): Promise<ManyReevaluations> {
  const sessions: SessionReevaluation[] = [];
  for (const sessionId of sessionIds) {
    sessions.push(reevaluateSession(sessionId, await auditedSessionEvents(context.store, sessionId), ruleSet, (a, b) => context.store.comparePositions(a, b)));
  }
  const ruleSetVersion = ruleSetVersionOf(ruleSet);
  await recordAuditAccess(context.store, { by: context.by, action: 'reevaluate', detail: { since, sessions: sessions.length, ruleSetVersion }, at: context.now().toISOString() });
  return { since, ruleSetVersion, sessions, rules: summariseByRule(sessions) };
}

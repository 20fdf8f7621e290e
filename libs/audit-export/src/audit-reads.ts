import { parseStreamName, sessionStreamName, SessionNotFoundError } from '@vigil/domain';
import type { EventStore, RecordedEvent } from '@vigil/event-store';
import { recordAuditAccess } from '@vigil/audit-trail';
import { readSessionEvents } from '@vigil/report';
import { builtInRuleSets, ruleSetVersionOf, type RuleSet } from '@vigil/rules';
import { sessionExportFiles, type ExportFile, type ExportFormat } from './export-formats';
import { recordedRuleSetVersions, reevaluateSession, type SessionReevaluation } from './reevaluate/reevaluate-session';
import { summariseByRule, type RuleSummary } from './reevaluate/rule-summary';
import { alarmMoments, recordedChangesOf, sessionViewAt, type AlarmMoment, type ViewAt } from './playback/session-view-at';
import type { RecordedChange } from '../../dashboard/src/view/playback-fold';
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

/** Picks the rule set to re-evaluate a session with, from the versions its recorded alarms name. */
export type RuleSetChoice = (recordedVersions: readonly string[]) => RuleSet;

/**
 * The rule set that was live for a session: the built-in version its alarms name, when they name
 * exactly one Vigil has shipped; otherwise `fallback` (the deployment's configured rule set).
 */
export const liveRuleSet =
  (fallback: RuleSet): RuleSetChoice =>
  (versions) =>
    (versions.length === 1 ? builtInRuleSets.get(versions[0]!) : undefined) ?? fallback;

function reevaluateRead(store: EventStore, sessionId: string, events: readonly RecordedEvent[], choose: RuleSetChoice): SessionReevaluation {
  return reevaluateSession(sessionId, events, choose(recordedRuleSetVersions(events)), (a, b) => store.comparePositions(a, b));
}

export async function reevaluateForAudit(context: AuditReadContext, sessionId: string, choose: RuleSetChoice): Promise<SessionReevaluation> {
  const result = reevaluateRead(context.store, sessionId, await auditedSessionEvents(context.store, sessionId), choose);
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

export type ManyReevaluations = { since: string; /** The versions used (one unless sessions were recorded under different built-in versions). */ ruleSetVersion: string; sessions: SessionReevaluation[]; rules: RuleSummary[] };

export async function reevaluateManyForAudit(context: AuditReadContext, sessionIds: readonly string[], since: string, choose: RuleSetChoice): Promise<ManyReevaluations> {
  const sessions: SessionReevaluation[] = [];
  for (const sessionId of sessionIds) sessions.push(reevaluateRead(context.store, sessionId, await auditedSessionEvents(context.store, sessionId), choose));
  const ruleSetVersion = [...new Set(sessions.map((session) => session.ruleSetVersion))].join(', ') || ruleSetVersionOf(choose([]));
  await recordAuditAccess(context.store, { by: context.by, action: 'reevaluate', detail: { since, sessions: sessions.length, ruleSetVersion }, at: context.now().toISOString() });
  return { since, ruleSetVersion, sessions, rules: summariseByRule(sessions) };
}

export type PlaybackFrame = ViewAt & { from: string; until: string; alarmMoments: ReturnType<typeof alarmMoments> };

/** The session view as the wall held it at `at` (default: the last recorded event), with the playback's bounds and alarm moments. */
export async function viewAtForAudit(context: AuditReadContext, sessionId: string, at: string | undefined): Promise<PlaybackFrame> {
  const events = await auditedSessionEvents(context.store, sessionId);
  const from = events[0]!.recordedAt;
  const until = events.at(-1)!.recordedAt;
  const frame = sessionViewAt(events, at ?? until);
  await recordAuditAccess(context.store, { by: context.by, action: 'replay', sessionId, detail: { viewAt: frame.at }, at: context.now().toISOString() });
  return { ...frame, from, until, alarmMoments: alarmMoments(events) };
}

export type PlaybackRecord = { sessionId: string; from: string; until: string; alarmMoments: AlarmMoment[]; changes: RecordedChange[] };

/**
 * Everything the page needs to play a session back, read once: the dashboard changes with their
 * recording times (the page folds them with the wall's evolve, libs/dashboard view/playback-fold.ts),
 * the record's bounds and the alarm moments. One access record for the whole playback.
 */
export async function playbackForAudit(context: AuditReadContext, sessionId: string): Promise<PlaybackRecord> {
  const events = await auditedSessionEvents(context.store, sessionId);
  const changes = recordedChangesOf(events);
  await recordAuditAccess(context.store, { by: context.by, action: 'replay', sessionId, detail: { playback: 'changes', events: events.length }, at: context.now().toISOString() });
  return { sessionId, from: events[0]!.recordedAt, until: events.at(-1)!.recordedAt, alarmMoments: alarmMoments(events), changes };
}

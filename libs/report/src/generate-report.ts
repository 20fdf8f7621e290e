import { SessionNotFoundError } from '@vigil/domain';
import type { EventStore } from '@vigil/event-store';
import type { RuleSet } from '@vigil/rules';
import { buildSessionReport, type SessionReport } from './model/session-report';
import { renderReportPdf, type PaperSize } from './pdf/render-report-pdf';
import { readSessionEvents, verifySessionEvents } from './read-session-events';

export type ReportContext = { store: EventStore; ruleSet: RuleSet; clinicName: string; now: () => Date };

/** Reads the session's record, verifies it and builds the report's model. */
export async function sessionReportOf(context: ReportContext, sessionId: string): Promise<SessionReport> {
  const events = await readSessionEvents(context.store, sessionId);
  if (!events) throw new SessionNotFoundError(sessionId);
  const verification = await verifySessionEvents(sessionId, events);
  return buildSessionReport({
    events,
    ruleSet: context.ruleSet,
    clinicName: context.clinicName,
    generatedAt: context.now().toISOString(),
    verification: verification.ok
      ? { ok: true, events: verification.events, heads: verification.streams }
      : { ok: false, stream: verification.stream, revision: verification.revision, reason: verification.reason },
  });
}

export async function sessionReportPdf(context: ReportContext, sessionId: string, size: PaperSize = 'A4'): Promise<Buffer> {
  return renderReportPdf(await sessionReportOf(context, sessionId), size);
}

import { FIXED_STREAMS } from '@vigil/domain';
import { readStreamPages, type EventStore } from '@vigil/event-store';
import { randomUUID } from 'node:crypto';

/**
 * Who looked at the record (issue 13, "Who looked"): every replay, export, verification,
 * re-evaluation, checkpoint read and access-list read is itself an event in one stream.
 */
export type AuditAccess = {
  by: string;
  action: 'replay' | 'export' | 'verify' | 'reevaluate' | 'checkpoint' | 'access';
  sessionId?: string;
  detail?: Record<string, string | number | boolean>;
  at: string;
};

export const ACCESS_AUDIT_STREAM = FIXED_STREAMS.accessAudit;
export const AUDIT_ACCESS_RECORDED = 'AuditAccessRecorded';

/**
 * Appends the access. Any number of processes (the app, several CLI runs) record accesses at once
 * and none of them is the stream's single decider, so this is the one raw, idempotent audit append
 * that uses `expectedRevision: 'any'` (docs/streams.md); the id is fresh, so a retry cannot merge two looks.
 */
export async function recordAuditAccess(store: EventStore, access: AuditAccess): Promise<void> {
  const data: Record<string, unknown> = { by: access.by, action: access.action, at: access.at };
  if (access.sessionId !== undefined) data.sessionId = access.sessionId;
  if (access.detail !== undefined) data.detail = access.detail;
  await store.appendToStream(
    ACCESS_AUDIT_STREAM,
    [{ id: randomUUID(), type: AUDIT_ACCESS_RECORDED, occurredAt: access.at, data: data as Record<string, never>, metadata: { causedBy: access.by } }],
    { expectedRevision: 'any' },
  );
}

export type RecordedAuditAccess = AuditAccess & { revision: number; recordedAt: string };

/** The accesses recorded, oldest first; with a session, only those about it. */
export async function readAuditAccesses(store: EventStore, filter: { sessionId?: string } = {}): Promise<RecordedAuditAccess[]> {
  const found: RecordedAuditAccess[] = [];
  const events = readStreamPages((fromRevision, maxCount) => store.readStream(ACCESS_AUDIT_STREAM, { fromRevision, maxCount }));
  for await (const event of events) {
    if (event.type !== AUDIT_ACCESS_RECORDED) continue;
    const access = event.data as unknown as AuditAccess;
    if (filter.sessionId !== undefined && access.sessionId !== filter.sessionId) continue;
    found.push({ ...access, revision: event.revision, recordedAt: event.recordedAt });
  }
  return found;
}

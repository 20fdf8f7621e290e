import type { EventStore } from '@vigil/event-store';
import { deterministicId } from '@vigil/platform';

// Who looked at what (issue 13, item 6): every replay, export, verification and re-evaluation is
// itself an event in one access-audit stream. A raw, idempotent audit append, the one case STYLE.md
// allows `expectedRevision: 'any'`: many readers record at once and none of them owns the stream.

export type AuditAccess = {
  by: string;
  action: 'replay' | 'export' | 'verify' | 'reevaluate' | 'checkpoint';
  sessionId?: string;
  detail?: Record<string, string | number | boolean>;
  at: string;
};

export const ACCESS_AUDIT_STREAM = 'access-audit';

export async function recordAuditAccess(store: EventStore, access: AuditAccess): Promise<void> {
  const data = {
    by: access.by,
    action: access.action,
    ...(access.sessionId !== undefined ? { sessionId: access.sessionId } : {}),
    ...(access.detail !== undefined ? { detail: access.detail } : {}),
    at: access.at,
  };
  await store.appendToStream(
    ACCESS_AUDIT_STREAM,
    [{ id: deterministicId('access', access.by, access.action, access.sessionId ?? '', JSON.stringify(access.detail ?? {}), access.at), type: 'AuditAccessRecorded', data, metadata: { causedBy: access.by, schemaVersion: 1 }, occurredAt: access.at }],
    { expectedRevision: 'any' },
  );
}

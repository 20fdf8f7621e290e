import type { ResumeRequest } from '../protocol';

export type ResumePlan = { kind: 'snapshot' } | { kind: 'replay'; from: number };

/**
 * What a (re)connecting client gets. Its position is a dashboard sequence number (never a store
 * position). Replaying is only sound when that number belongs to this store's log (a reset data
 * directory restarts the sequence), is not ahead of the projection, and the projection's journal
 * of recent changes still holds everything after it.
 */
export function planResume(request: ResumeRequest, server: { storeId: string | null; projectionPosition: number; journalFrom: number }): ResumePlan {
  const { lastPosition, storeId } = request;
  if (lastPosition === undefined || !Number.isSafeInteger(lastPosition) || lastPosition < 0) return { kind: 'snapshot' };
  if ((storeId ?? null) !== server.storeId) return { kind: 'snapshot' };
  if (lastPosition > server.projectionPosition) return { kind: 'snapshot' };
  if (lastPosition < server.journalFrom) return { kind: 'snapshot' };
  return { kind: 'replay', from: lastPosition };
}

/** The handshake's `auth` (or a `resume` message) as sent by any client: only well-formed fields count. */
export function readResumeRequest(raw: unknown): ResumeRequest {
  if (typeof raw !== 'object' || raw === null) return {};
  const { lastPosition, storeId } = raw as Record<string, unknown>;
  return {
    ...(typeof lastPosition === 'number' && Number.isSafeInteger(lastPosition) && lastPosition >= 0 ? { lastPosition } : {}),
    ...(typeof storeId === 'string' || storeId === null ? { storeId } : {}),
  };
}

import type { ResumeRequest } from '../protocol';

/** Beyond this many events to replay, a snapshot is smaller and faster than the changes. */
export const RESUME_LIMIT_EVENTS = 20_000;

export type ResumePlan = { kind: 'snapshot' } | { kind: 'replay'; from: number };

/**
 * What a (re)connecting client gets. Replaying is only sound when the client's position belongs to
 * this store's log (a reset data directory restarts positions) and is not past its head.
 */
export function planResume(
  request: ResumeRequest,
  server: { storeId: string | null; projectionPosition: number; headPosition: number },
): ResumePlan {
  const { lastPosition, storeId } = request;
  if (lastPosition === undefined || !Number.isSafeInteger(lastPosition) || lastPosition < 0) return { kind: 'snapshot' };
  if ((storeId ?? null) !== server.storeId) return { kind: 'snapshot' };
  if (lastPosition > server.headPosition) return { kind: 'snapshot' };
  if (server.projectionPosition - lastPosition > RESUME_LIMIT_EVENTS) return { kind: 'snapshot' };
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

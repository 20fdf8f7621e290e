import { InvalidEngineInputError } from './engine-errors';
import { formatInstant, parseInstant } from './instant';

/**
 * The deterministic id of an alarm: one session, one rule, one raise time. Replaying a stream
 * yields the same ids, so the store's idempotent appends never double an alarm (docs/architecture.md
 * "Accepted means durable"). The time is canonicalised, so "10:00:15Z" and "10:00:15.000Z" agree;
 * the session id is URI-encoded, and "~" (which URIs leave unescaped) separates the parts, so an
 * id is one path segment in `POST /api/v1/sessions/:id/alerts/:alertId/acknowledge`.
 */
export function alertIdFor(sessionId: string, ruleId: string, raisedAt: string): string {
  const ms = parseInstant(raisedAt);
  if (ms === undefined) throw new InvalidEngineInputError('raisedAt', 'is not an ISO 8601 time');
  return alertIdAt(sessionId, ruleId, ms);
}

/**
 * `nth` counts alarms of the rule raised at the very same instant: a late reading judged at the
 * session's clock can clear an alarm and raise the next one in the same millisecond, and the two
 * must not share an id.
 */
export const alertIdAt = (sessionId: string, ruleId: string, raisedAtMs: number, nth = 1): string =>
  `alert~${encodeURIComponent(sessionId)}~${encodeURIComponent(ruleId)}~${formatInstant(raisedAtMs)}${nth > 1 ? `~${nth}` : ''}`;

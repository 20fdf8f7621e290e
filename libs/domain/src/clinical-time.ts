/*
 * The rules every clinical time from outside must meet, whoever sends it (a gateway's measuredAt,
 * a clinician's administeredAt): one definition for ingest and staff commands (docs/identifiers.md
 * "Times"). Pure: the caller passes the server's clock.
 */

/** A clock may run ahead a little; further ahead is a wrong clock or a typo, not a fact. */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
/** Older is a replayed log or a wrong date, not monitoring. */
export const MAX_PAST_AGE_MS = 24 * 60 * 60 * 1000;

// An explicit offset is required: a time without one would be read in the server's zone.
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

/** The format, with a zone, and a date that exists: Date.parse would roll 2026-02-30 over to March 2. */
export function isZonedCalendarTime(value: string): boolean {
  const match = ISO_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hours, minutes, seconds] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = match[9] === undefined || (Number(match[9]) <= 14 && Number(match[10]) < 60);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hours < 24 && minutes < 60 && seconds < 60 && offsetOk && !Number.isNaN(Date.parse(value));
}

export const timeFormatReason = (got: string): string => `must be an ISO 8601 time with a zone, such as 2026-11-29T10:00:00.000Z, got ${got}`;

/** `reason` follows the field's name: "measuredAt is 600 s ahead of the server clock …". */
export type InstantCheck = { ok: true; iso: string } | { ok: false; reason: string };

/**
 * Checks a time against the format and the server clock. `got` describes the value for the
 * message (callers bound its length: a body may carry anything).
 */
export function checkClinicalTime(value: unknown, nowMs: number, got: string): InstantCheck {
  if (typeof value !== 'string' || !isZonedCalendarTime(value)) return { ok: false, reason: timeFormatReason(got) };
  const at = Date.parse(value);
  const ahead = at - nowMs;
  if (ahead > MAX_FUTURE_SKEW_MS) {
    return { ok: false, reason: `is ${Math.round(ahead / 1000)} s ahead of the server clock (at most ${MAX_FUTURE_SKEW_MS / 1000} s allowed)` };
  }
  if (-ahead > MAX_PAST_AGE_MS) {
    return { ok: false, reason: `is older than 24 h (${Math.round(-ahead / 3_600_000)} h before the server clock)` };
  }
  // Normalised so that the same instant is always stored, hashed and deduplicated alike.
  return { ok: true, iso: new Date(at).toISOString() };
}

import { isZonedCalendarTime } from '@vigil/domain';
import type { FieldError } from '@vigil/platform';

// The time bounds of a session-list query. A plain date is a whole UTC day, so `from=2026-12-01&to=2026-12-01`
// lists that day's sessions, as the day overview does (libs/report/src/day-overview.ts).

const DAY_MS = 86_400_000;
const isDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

function instantOf(field: 'from' | 'to', value: string): number | FieldError {
  const time = isDate(value) ? `${value}T00:00:00Z` : value;
  // The format was checked at the edge; a date that does not exist (2026-02-30, which Date.parse
  // would roll over to March 2) is caught by the domain's own time rule.
  if (!isZonedCalendarTime(time)) return { field, message: `${field} is not a date and time that exists: ${JSON.stringify(value)}` };
  const ms = Date.parse(time);
  return isDate(value) && field === 'to' ? ms + DAY_MS : ms;
}

/** [fromMs inclusive, toMs exclusive], or the reasons they cannot be used. */
export function sessionQueryBounds(from: string | undefined, to: string | undefined): { fromMs?: number; toMs?: number } | { errors: FieldError[] } {
  const fromMs = from === undefined ? undefined : instantOf('from', from);
  const toMs = to === undefined ? undefined : instantOf('to', to);
  if (typeof fromMs === 'object' || typeof toMs === 'object') return { errors: [fromMs, toMs].filter((b): b is FieldError => typeof b === 'object') };
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) {
    return { errors: [{ field: 'to', message: `to must be later than from (from ${from}, to ${to})` }] };
  }
  return { ...(fromMs === undefined ? {} : { fromMs }), ...(toMs === undefined ? {} : { toMs }) };
}

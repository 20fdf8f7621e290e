// Times cross the engine's boundary as ISO 8601 strings and live inside it as epoch milliseconds.
// Parsing is strict (date and time, seconds, a zone) because Date.parse alone accepts "2026-02-30"
// by rolling it over to March, and a replay must not depend on such leniency.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds, or undefined when `value` is not a complete ISO 8601 date-time with a zone. */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_8601.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  // Reject calendar overflow (Feb 30, 24:00, 60 s) that Date.parse silently rolls over.
  const calendar = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  const valid =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month! - 1 &&
    calendar.getUTCDate() === day &&
    calendar.getUTCHours() === hour &&
    calendar.getUTCMinutes() === minute &&
    calendar.getUTCSeconds() === second;
  return valid ? ms : undefined;
}

/** The canonical form of every time the engine writes: UTC, millisecond precision. */
export const formatInstant = (ms: number): string => new Date(ms).toISOString();

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;

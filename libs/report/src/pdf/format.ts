import type { DoseRoute } from '@vigil/domain';

// Text for the printed report. Times are printed in UTC and say so: the record stores UTC, and a
// clinic time zone is not configured yet (docs/clinical-documentation.md "Open points").

const pad = (n: number): string => String(n).padStart(2, '0');

export const hhmm = (t: number | string): string => {
  const d = new Date(typeof t === 'string' ? Date.parse(t) : t);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
export const hhmmss = (t: number | string): string => {
  const d = new Date(typeof t === 'string' ? Date.parse(t) : t);
  return `${hhmm(d.getTime())}:${pad(d.getUTCSeconds())}`;
};
export const dateOf = (t: string): string => t.slice(0, 10);

/** "2 h 05 min", "19 s". */
export function duration(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  const whole = Math.floor(minutes);
  const h = Math.floor(whole / 60);
  return h > 0 ? `${h} h ${pad(whole % 60)} min` : `${whole} min`;
}

/** Integers as is, halves (medians of an even count) with one decimal. */
export const value = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export const ROUTE_LABELS: Readonly<Record<DoseRoute, string>> = {
  sublingual: 'sublingual',
  oral: 'oral',
  intranasal: 'intranasal',
  intramuscular: 'IM',
  intravenous: 'IV',
};

export const PHASE_LABELS = { 'pre-dose': 'pre-dose', onset: 'onset', dissociative: 'dissociative', recovery: 'recovery' } as const;

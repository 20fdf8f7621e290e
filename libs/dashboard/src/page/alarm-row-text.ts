import type { AlarmRow } from '../view/alarm-rows';
import { formatAge, formatClock, ruleLabel } from './format';

// What an alarm row says (issue 15 item 3): the problem as a person would say it, the value now
// (not the value at the raise: an escalated "SpO₂ low 83" must not stand while SpO₂ reads 95), and
// since when.

/** The current values the tile shows, absent when none is current enough to show. */
export type CurrentValues = { spo2?: number; pulseRate?: number; bloodPressure?: string };

const UNIT = { spo2: ' %', pulseRate: '/min', bloodPressure: ' mmHg' } as const;
const NAME = { spo2: 'SpO₂', pulseRate: 'pulse', bloodPressure: 'BP' } as const;

function technicalText(row: AlarmRow, now: number): string | undefined {
  if (row.parameter === 'oximeterSignal') {
    // Raised `value` seconds after the last valid reading: the gap is that plus the time since.
    const gapMs = Math.max(...row.alarms.map((a) => (a.value ?? 0) * 1000 + now - Date.parse(a.raisedAt)));
    return `Oximeter: no signal for ${formatAge(gapMs)}`;
  }
  if (row.parameter === 'bloodPressureCheck') return `BP cuff: no reading in the post-dose check (by ${row.lead.value ?? '?'} min after the dose)`;
  return undefined;
}

export function alarmRowText(row: AlarmRow, now: number, current: CurrentValues): string {
  const since = `since ${formatClock(row.since)} (${formatAge(now - Date.parse(row.since))})`;
  const technical = technicalText(row, now);
  if (technical) return `${technical} · ${since}`;
  const title = row.lead.title ?? ruleLabel(row.lead.ruleId);
  const parameter = row.parameter === 'spo2' || row.parameter === 'pulseRate' || row.parameter === 'bloodPressure' ? row.parameter : undefined;
  if (!parameter) return `${title} · ${since}`;
  const value = current[parameter];
  const valueNow = value === undefined ? `${NAME[parameter]} now: no current value` : `${NAME[parameter]} now ${value}${UNIT[parameter]}`;
  return `${title} · ${valueNow} · ${since}`;
}

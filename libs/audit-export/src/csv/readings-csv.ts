import { phaseAtMs } from '@vigil/report';
import { stringify } from 'csv-stringify/sync';
import type { AuditedSession } from '../audited-session';

// One row per reading, in measurement order, with the session phase at that moment and the change
// from the pre-dose baseline (the report's, libs/report): docs/audit-export.md "CSV".

export const READINGS_CSV_COLUMNS = [
  'measured_at', 'kind', 'phase', 'valid', 'spo2_pct', 'pulse_rate_per_min', 'systolic_mmhg', 'diastolic_mmhg',
  'spo2_change', 'pulse_rate_change', 'systolic_change', 'diastolic_change',
] as const;

type Cell = string | number | boolean | undefined;
const change = (value: number | null | undefined, baseline: number | undefined): Cell => (value === null || value === undefined || baseline === undefined ? undefined : value - baseline);

export function readingsCsv(session: AuditedSession): string {
  const { record, phases, baseline } = session;
  const rows: { t: number; cells: Cell[] }[] = [];
  for (const r of record.oximetry) {
    const spo2 = r.valid ? r.spo2 : null;
    const pulse = r.valid ? r.pulseRate : null;
    rows.push({ t: r.t, cells: [new Date(r.t).toISOString(), 'oximetry', phaseAtMs(phases, r.t), r.valid, spo2 ?? undefined, pulse ?? undefined, undefined, undefined, change(spo2, baseline.spo2), change(pulse, baseline.pulseRate), undefined, undefined] });
  }
  for (const r of record.bloodPressure) {
    rows.push({ t: r.t, cells: [r.measuredAt, 'blood-pressure', phaseAtMs(phases, r.t), true, undefined, undefined, r.systolic, r.diastolic, undefined, undefined, change(r.systolic, baseline.systolic), change(r.diastolic, baseline.diastolic)] });
  }
  rows.sort((a, b) => a.t - b.t);
  return stringify([[...READINGS_CSV_COLUMNS], ...rows.map((row) => row.cells)], { cast: { boolean: (value) => String(value) } });
}

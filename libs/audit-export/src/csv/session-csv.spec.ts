import { parse } from 'csv-parse/sync';
import { auditedSessionOf } from '../audited-session';
import { recordedEvents } from '../testing/recorded-events';
import { alarmsAndActionsCsv, ALARMS_AND_ACTIONS_CSV_COLUMNS } from './alarms-and-actions-csv';
import { readingsCsv, READINGS_CSV_COLUMNS } from './readings-csv';

// The recorded session (libs/report testing): dose at 09:10 intranasal (onset 10 min, so the
// dissociative window from 09:20 to 10:20), a pre-dose cuff reading of 126/81 at 09:05:30.
const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('the CSV export', () => {
  it('has one row per reading with the phase at that moment and the change from the pre-dose baseline', async () => {
    const session = auditedSessionOf((await recordedEvents()).events);
    const csv = readingsCsv(session);
    expect(csv.split('\n')[0]).toBe(READINGS_CSV_COLUMNS.join(','));
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(session.record.oximetry.length + session.record.bloodPressure.length);
    const at = (iso: string, kind: string) => rows.find((row) => row.measured_at === iso && row.kind === kind)!;
    expect(at('2026-11-30T09:05:00.000Z', 'oximetry').phase).toBe('pre-dose');
    expect(at('2026-11-30T09:15:00.000Z', 'oximetry').phase).toBe('onset');
    expect(at('2026-11-30T09:40:20.000Z', 'oximetry')).toMatchObject({ phase: 'dissociative', valid: 'true', spo2_pct: '89', spo2_change: String(89 - session.baseline.spo2!) });
    expect(at('2026-11-30T10:25:00.000Z', 'blood-pressure')).toMatchObject({ phase: 'recovery', systolic_change: String(Number(at('2026-11-30T10:25:00.000Z', 'blood-pressure').systolic_mmhg) - 126) });
    expect(session.baseline).toMatchObject({ systolic: 126, diastolic: 81 });
    expect(at('2026-11-30T10:20:30.000Z', 'oximetry')).toMatchObject({ valid: 'false', spo2_pct: '', spo2_change: '' });
    const times = rows.map((row) => Date.parse(row.measured_at!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('lists alarm transitions and staff actions in the order they were recorded', async () => {
    const rows = rowsOf(alarmsAndActionsCsv(auditedSessionOf((await recordedEvents()).events)));
    expect(Object.keys(rows[0]!)).toEqual([...ALARMS_AND_ACTIONS_CSV_COLUMNS]);
    expect(rows.map((row) => [row.event, row.by, row.rule_id])).toEqual([
      ['SessionStarted', 'Dr Reyes', ''],
      ['DeviceBound', 'nurse Kim', ''],
      ['DeviceBound', 'nurse Kim', ''],
      ['DoseAdministered', 'Dr Reyes', ''],
      ['AlertRaised', 'rule:spo2-low@kap-default@1.0.0', 'spo2-low'],
      ['AlertAcknowledged', 'nurse Kim', 'spo2-low'],
      ['AlertCleared', 'rule:spo2-low@kap-default@1.0.0', 'spo2-low'],
      ['InterventionRecorded', 'nurse Kim', ''],
      ['AlertRaised', 'rule:oximeter-signal-lost@kap-default@1.0.0', 'oximeter-signal-lost'],
      ['AlertCleared', 'rule:oximeter-signal-lost@kap-default@1.0.0', 'oximeter-signal-lost'],
      ['DeviceUnbound', 'Dr Reyes', ''],
      ['DeviceUnbound', 'Dr Reyes', ''],
      ['SessionEnded', 'Dr Reyes', ''],
    ]);
    expect(rows.find((row) => row.event === 'DoseAdministered')!.detail).toBe('esketamine 56 mg intranasal given at 2026-11-30T09:10:00.000Z');
    expect(rows.find((row) => row.event === 'InterventionRecorded')!.detail).toBe('Asked patient to take deep breaths; SpO2 recovered');
  });
});

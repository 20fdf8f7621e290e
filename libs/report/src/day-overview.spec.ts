import { defaultRuleSet } from '@vigil/rules';
import { daySessionOf } from './day-overview';
import { buildSessionReport } from './model/session-report';
import { asReportEvents, recordedSessionEvents } from './testing/recorded-session';

const reportOf = (options: Parameters<typeof recordedSessionEvents>[0]) =>
  buildSessionReport({
    events: asReportEvents(recordedSessionEvents(options)),
    ruleSet: defaultRuleSet,
    clinicName: 'Harbour Clinic',
    generatedAt: '2026-11-30T12:00:00.000Z',
    verification: { ok: true, events: 0, heads: [] },
  });

describe('day overview line', () => {
  it('given an esketamine session ended after 90 minutes without the 40-minute BP, then it counts its alarms and names the REMS fields missing', () => {
    expect(daySessionOf(reportOf({ sessionId: 's-90', endAfterDoseMinutes: 90, omit40MinuteBloodPressure: true }))).toEqual({
      sessionId: 's-90',
      room: 'Room 2',
      patientPseudonym: 'P-0042',
      clinician: 'Dr Reyes',
      drug: 'esketamine',
      startedAt: '2026-11-30T09:00:00.000Z',
      endedAt: '2026-11-30T10:40:00.000Z',
      durationMinutes: 100,
      alarms: { high: 0, medium: 2, low: 0 },
      remsMissing: ['BP about 40 min after', 'monitoring under 2 h'],
      reportUrl: '/api/v1/sessions/s-90/report.pdf',
    });
  });

  it('given a ketamine session, then no REMS fields apply', () => {
    expect(daySessionOf(reportOf({ drug: 'ketamine' })).remsMissing).toBeNull();
  });
});

import { defaultRuleSet } from '@vigil/rules';
import { asReportEvents, DOSE_MINUTE, recordedSessionEvents, T0, type RecordedSessionOptions } from '../testing/recorded-session';
import { buildSessionReport, type SessionReport } from './session-report';

// Given a recorded session, when its report is built, then ... (Given/When/Then over stored events).
const VERIFIED = { ok: true as const, events: 0, heads: [{ stream: 'session-s1', events: 0, lastHash: 'abc' }] };
const at = (minute: number, second = 0) => new Date(T0 + minute * 60_000 + second * 1000).toISOString();

function reportOf(options: RecordedSessionOptions = {}, generatedAt = at(200)): SessionReport {
  return buildSessionReport({
    events: asReportEvents(recordedSessionEvents(options)),
    ruleSet: defaultRuleSet,
    clinicName: 'Harbour Clinic',
    generatedAt,
    verification: VERIFIED,
  });
}

describe('session report model', () => {
  describe('given a recorded two-hour esketamine session', () => {
    const report = reportOf();

    it('then the header carries the session, its drug and its monitored time', () => {
      expect(report).toMatchObject({ clinicName: 'Harbour Clinic', room: 'Room 2', patientPseudonym: 'P-0042', clinician: 'Dr Reyes', drug: 'esketamine' });
      expect(report.monitoredMinutes).toBe(DOSE_MINUTE + 122);
      expect(report.doses).toEqual([expect.objectContaining({ route: 'intranasal', doseMg: 56, drug: 'esketamine', administeredAt: at(DOSE_MINUTE) })]);
    });

    it('then the phases run pre-dose, onset (10 min intranasal), dissociative (60 min), recovery to the end', () => {
      expect(report.phases.map((p) => [p.phase, new Date(p.from).toISOString(), new Date(p.to).toISOString()])).toEqual([
        ['pre-dose', at(0), at(10)],
        ['onset', at(10), at(20)],
        ['dissociative', at(20), at(80)],
        ['recovery', at(80), at(132)],
      ]);
    });

    it('then the flow sheet has one row per 5 minutes with medians, min and max of the readings in it', () => {
      expect(report.flowSheet).toHaveLength(27);
      const desatRow = report.flowSheet.find((row) => row.from === T0 + 40 * 60_000)!;
      expect(desatRow.spo2).toMatchObject({ min: 89, n: 300 });
      expect(desatRow.phase).toBe('dissociative');
      expect(desatRow.systolic).toEqual({ median: expect.any(Number), min: desatRow.systolic!.median, max: desatRow.systolic!.median, n: 1 });
    });

    it('then the two minutes with the sensor off are a gap in their rows', () => {
      const gapRow = report.flowSheet.find((row) => row.from === T0 + 80 * 60_000)!;
      // Off from 80:00 to 82:00; the valid reading at 79:59 stands for 5 s, until 80:04.
      expect(gapRow.gapSeconds).toBe(116);
      expect(report.flowSheet[0]!.gapSeconds).toBe(0);
    });

    it('then the alarm shows its priority, raise, acknowledgement by whom, and clear', () => {
      expect(report.alarms).toEqual([
        expect.objectContaining({ ruleId: 'spo2-low', priority: 'medium', raisedAt: at(40, 15), acknowledgedAt: at(40, 25), acknowledgedBy: 'nurse Kim', clearedAt: at(40, 50), clearReason: 'condition-resolved' }),
        expect.objectContaining({ ruleId: 'oximeter-signal-lost', raisedAt: at(80, 19), clearedAt: at(82), clearReason: 'reading-received' }),
      ]);
      expect(report.alarms[1]!.acknowledgedAt).toBeUndefined();
    });

    it('then the baseline is the last cuff reading before the dose and the 5-minute oximetry median', () => {
      expect(report.baseline).toMatchObject({ systolic: 126, diastolic: 81, bloodPressureAt: at(5, 30), spo2: 96 });
      expect(report.largestChanges.find((c) => c.measure === 'spo2')).toMatchObject({ value: 89, change: -7 });
    });

    it('then the REMS form answers the blood-pressure fields with the reading used and its time', () => {
      expect(report.rems?.bloodPressure.beforeAdministration).toMatchObject({ recorded: true, systolic: 126, diastolic: 81, measuredAt: at(5, 30) });
      expect(report.rems?.bloodPressure.about40MinutesAfter).toMatchObject({ recorded: true, measuredAt: at(50), minutesFromDose: 40 });
      expect(report.rems?.bloodPressure.beforeEnd).toMatchObject({ recorded: true, measuredAt: at(130) });
      expect(report.rems?.vitalsAcceptable.beforeAdministration.answer).toBe('yes');
      expect(report.rems?.vitalsAcceptable.atCompletion.answer).toBe('yes');
      expect(report.rems?.totalMonitoring).toMatchObject({ minutes: 122, underMinimum: false });
      expect(report.rems?.pulseOximetry.validFraction).toBeGreaterThan(0.98);
      expect(report.rems?.alarms.respiratory.map((a) => a.ruleId)).toEqual(['spo2-low', 'oximeter-signal-lost']);
      expect(report.rems?.missing).toEqual([]);
    });
  });

  describe('given a session without a cuff reading around 40 minutes after the dose', () => {
    it('then that REMS field is not recorded, and named as missing', () => {
      const rems = reportOf({ omit40MinuteBloodPressure: true }).rems!;
      expect(rems.bloodPressure.about40MinutesAfter).toEqual({ recorded: false, why: 'no blood pressure between 35 and 45 min after the dose' });
      expect(rems.missing).toEqual(['BP about 40 min after']);
    });
  });

  describe('given a session ended 90 minutes after the dose', () => {
    it('then the total monitoring time is flagged under 2 hours', () => {
      const rems = reportOf({ endAfterDoseMinutes: 90 }).rems!;
      expect(rems.totalMonitoring).toMatchObject({ minutes: 90, minimumMinutes: 120, underMinimum: true });
      expect(rems.missing).toContain('monitoring under 2 h');
    });
  });

  describe('given a ketamine session', () => {
    it('then the report has no REMS form', () => expect(reportOf({ drug: 'ketamine' }).rems).toBeUndefined());
  });

  describe('given a session still active', () => {
    it('then the report runs to its generation time and the completion fields say the session has not ended', () => {
      const report = reportOf({ ended: false }, at(140));
      expect(report.until).toBe(at(140));
      expect(report.rems?.bloodPressure.beforeEnd).toEqual({ recorded: false, why: 'the session has not ended' });
      // What belongs to the end is not missing yet.
      expect(report.rems?.missing).toEqual([]);
    });
  });
});

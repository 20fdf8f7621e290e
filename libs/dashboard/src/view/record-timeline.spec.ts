import { recordTimeline, type RecordForTimeline } from './record-timeline';

describe('the timeline of an ended session, from its record', () => {
  const record: RecordForTimeline = {
    room: 'Room 2',
    patientPseudonym: 'P-7',
    clinician: 'Dr Reyes',
    startedAt: '2026-12-01T08:00:00Z',
    // Recorded at 08:20 but given at 08:05: the timeline shows when it was given.
    doses: [{ administeredAt: '2026-12-01T08:05:00Z', recordedAt: '2026-12-01T08:20:00Z', route: 'sublingual', doseMg: 50, drug: 'ketamine', booster: false, by: 'Dr Reyes' }],
    interventions: [{ at: '2026-12-01T08:31:00Z', by: 'nurse Kim', text: 'Chin lift' }],
    alarms: [
      {
        alertId: 'a1', ruleId: 'spo2-critical', title: 'SpO2 critically low', priority: 'high', kind: 'physiological', phase: 'dissociative',
        raisedAt: '2026-12-01T08:30:00Z', value: 84, unit: '%', acknowledgedAt: '2026-12-01T08:30:20Z', acknowledgedBy: 'nurse Kim', clearedAt: '2026-12-01T08:33:00Z', clearReason: 'condition-resolved',
      },
    ],
    ended: { at: '2026-12-01T10:10:00Z', by: 'Dr Reyes', reason: 'discharged' },
  };

  it('lists the dose when given, interventions, and every alarm transition with who acknowledged, in time order', () => {
    expect(recordTimeline(record).map((e) => `${e.at.slice(11, 19)} ${e.text}`)).toEqual([
      '08:00:00 Session started in Room 2 for P-7 by Dr Reyes',
      '08:05:00 Dose 50 mg ketamine sublingual by Dr Reyes (recorded 15 min later)',
      '08:30:00 HIGH alarm raised: SpO2 critically low at 84 %',
      '08:30:20 Alarm acknowledged by nurse Kim: SpO2 critically low',
      '08:31:00 nurse Kim: Chin lift',
      '08:33:00 Alarm cleared (condition-resolved): SpO2 critically low',
      '10:10:00 Session ended by Dr Reyes (discharged)',
    ]);
  });
});

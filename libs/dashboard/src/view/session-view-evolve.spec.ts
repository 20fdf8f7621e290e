import type { DashboardChange } from '../protocol';
import { SESSION_ID, at, bloodPressure, cuffBound, dose, given, oximeterBound, oximetry, started } from './given-changes';
import { TIMELINE_LIMIT, TREND_WINDOW_MS } from './view-limits';

const raised = (alertId: string, priority: 'high' | 'medium' | 'low', hhmmss: string): DashboardChange => ({
  type: 'AlertRaised',
  alertId,
  ruleId: `rule-${alertId}`,
  priority,
  kind: 'physiological',
  value: 85,
  threshold: 88,
  at: at(hhmmss),
});

describe('the dashboard session view', () => {
  describe('a session', () => {
    it('appears when it starts, with its room and patient', () =>
      given().when(started).then((view) => expect(view).toMatchObject({ sessionId: SESSION_ID, room: 'Room 2', patientPseudonym: 'P-0042', position: 1 })));
    it('disappears when it ends, and what follows for it is ignored', () =>
      given(started, oximeterBound)
        .when({ type: 'SessionEnded', by: 'Dr Reyes', at: at('11:00:00') }, oximetry(at('11:00:01'), 97))
        .then((view) => expect(view).toBeUndefined()));
    it('ignores events of a session it never saw start', () => given().when(oximetry(at('10:00:00'), 97)).then((view) => expect(view).toBeUndefined()));
  });

  describe('seeing an event twice', () => {
    it('changes nothing the second time (same position)', () => {
      const { view } = given(started, oximeterBound);
      const reading = { position: 3, sessionId: SESSION_ID, change: oximetry(at('10:01:00'), 97) };
      given(started, oximeterBound)
        .when(reading, reading)
        .then((after) => {
          expect(after?.oximetryReadings).toBe(1);
          expect(after?.trend).toHaveLength(1);
          expect(view?.oximetryReadings).toBe(0); // the input view was not mutated
        });
    });
  });

  describe('oximetry', () => {
    it('keeps the newest reading, a trend point and the device as sending', () =>
      given(started, oximeterBound)
        .when(oximetry(at('10:01:00'), 97, 70), oximetry(at('10:01:01'), 96, 71))
        .then((view) => {
          expect(view?.oximetry).toMatchObject({ spo2: 96, pulseRate: 71, measuredAt: at('10:01:01') });
          expect(view?.trend).toEqual([
            [Date.parse(at('10:01:00')), 97, 70],
            [Date.parse(at('10:01:01')), 96, 71],
          ]);
          expect(view?.devices[0]).toMatchObject({ deviceId: 'ox-1', lastReceivedAt: at('10:01:01'), sensorOff: false });
          expect(view?.oximetryReadings).toBe(2);
        }));
    it('places a late reading in time order without making it the latest', () =>
      given(started, oximeterBound, oximetry(at('10:01:02'), 96))
        .when(oximetry(at('10:01:00'), 98))
        .then((view) => {
          expect(view?.oximetry?.spo2).toBe(96);
          expect(view?.trend.map(([, spo2]) => spo2)).toEqual([98, 96]);
        }));
    it('keeps one point per second: the newest reading of that second', () =>
      given(started, oximeterBound, oximetry('2026-11-29T10:01:00.100Z', 96))
        .when(oximetry('2026-11-29T10:01:00.900Z', 94))
        .then((view) => expect(view?.trend).toEqual([[Date.parse('2026-11-29T10:01:00.900Z'), 94, 72]])));
    it('records a gap while the sensor is off', () =>
      given(started, oximeterBound)
        .when(oximetry(at('10:01:00'), null, null, true))
        .then((view) => {
          expect(view?.trend).toEqual([[Date.parse(at('10:01:00')), null, null]]);
          expect(view?.devices[0]?.sensorOff).toBe(true);
        }));
    it('keeps 30 minutes of trend: a 1 Hz oximeter over an hour leaves 1,801 points', () => {
      const start = Date.parse(at('10:00:00'));
      const readings = Array.from({ length: 3600 }, (_, s) => oximetry(new Date(start + s * 1000).toISOString(), 97));
      given(started, oximeterBound)
        .when(...readings)
        .then((view) => {
          expect(view?.trend).toHaveLength(TREND_WINDOW_MS / 1000 + 1);
          expect(view!.trend[view!.trend.length - 1]![0] - view!.trend[0]![0]).toBe(TREND_WINDOW_MS);
          expect(view?.oximetryReadings).toBe(3600);
        });
    });
    it('drops a reading older than the window from the trend but counts it', () =>
      given(started, oximeterBound, oximetry(at('11:00:00'), 97))
        .when(oximetry(at('10:00:00'), 90))
        .then((view) => {
          expect(view?.trend).toHaveLength(1);
          expect(view?.oximetry?.spo2).toBe(97);
        }));
  });

  describe('blood pressure', () => {
    it('takes the last reading before the first dose as the baseline', () =>
      given(started, cuffBound, bloodPressure(at('10:00:00'), 118, 76), bloodPressure(at('10:05:00'), 122, 80), dose(at('10:10:00')))
        .when(bloodPressure(at('10:30:00'), 150, 95))
        .then((view) => {
          expect(view?.bloodPressure.baseline).toMatchObject({ systolic: 122, diastolic: 80 });
          expect(view?.bloodPressure.latest).toMatchObject({ systolic: 150, diastolic: 95 });
          expect(view?.bloodPressure.history).toHaveLength(3);
        }));
    it('re-chooses the baseline when a dose is recorded after the fact', () =>
      given(started, cuffBound, bloodPressure(at('10:00:00'), 118, 76), bloodPressure(at('10:20:00'), 140, 90))
        .when(dose(at('10:10:00')))
        .then((view) => expect(view?.bloodPressure.baseline).toMatchObject({ systolic: 118, measuredAt: at('10:00:00') })));
    it('has no baseline when no reading preceded the dose', () =>
      given(started, cuffBound, dose(at('10:00:30')))
        .when(bloodPressure(at('10:20:00'), 140, 90))
        .then((view) => expect(view?.bloodPressure.baseline).toBeUndefined()));
    it('is not moved by a booster', () =>
      given(started, cuffBound, bloodPressure(at('10:00:00'), 118, 76), dose(at('10:10:00')), bloodPressure(at('10:50:00'), 130, 85))
        .when(dose(at('11:00:00'), true))
        .then((view) => expect(view?.bloodPressure.baseline?.measuredAt).toBe(at('10:00:00'))));
  });

  describe('alarms', () => {
    it('lists active alarms, highest priority first', () =>
      given(started)
        .when(raised('a1', 'low', '10:01:00'), raised('a2', 'high', '10:02:00'), raised('a3', 'medium', '10:03:00'))
        .then((view) => expect(view?.alarms.map((alarm) => alarm.alertId)).toEqual(['a2', 'a3', 'a1'])));
    it('marks an escalated alarm high', () =>
      given(started, raised('a1', 'medium', '10:01:00'))
        .when({ type: 'AlertEscalated', alertId: 'a1', ruleId: 'rule-a1', priority: 'high', at: at('10:03:00') })
        .then((view) => expect(view?.alarms[0]).toMatchObject({ priority: 'high', escalatedAt: at('10:03:00') })));
    it('keeps an acknowledged alarm visible, with who and until when its audio is paused', () =>
      given(started, raised('a1', 'high', '10:01:00'))
        .when({ type: 'AlertAcknowledged', alertId: 'a1', ruleId: 'rule-a1', by: 'nurse Kim', at: at('10:01:30'), audioPausedUntil: at('10:03:30') })
        .then((view) =>
          expect(view?.alarms).toEqual([
            expect.objectContaining({ alertId: 'a1', acknowledged: { by: 'nurse Kim', at: at('10:01:30') }, audioPausedUntil: at('10:03:30') }),
          ]),
        ));
    it('removes a cleared alarm and notes it in the timeline', () =>
      given(started, raised('a1', 'high', '10:01:00'))
        .when({ type: 'AlertCleared', alertId: 'a1', ruleId: 'rule-a1', reason: 'condition-resolved', at: at('10:02:00') })
        .then((view) => {
          expect(view?.alarms).toEqual([]);
          expect(view?.timeline.map((entry) => entry.text)).toEqual([
            'Session started in Room 2 for P-0042 by Dr Reyes',
            'HIGH alarm rule-a1 at 85 (limit 88)',
            'Alarm rule-a1 cleared (condition-resolved)',
          ]);
        }));
    it('ignores a transition of an alarm it does not know', () =>
      given(started)
        .when({ type: 'AlertAcknowledged', alertId: 'zz', ruleId: 'r', by: 'nurse', at: at('10:00:01') })
        .then((view) => expect(view?.alarms).toEqual([])));
  });

  describe('devices, doses and the timeline', () => {
    it('lists bound devices and drops an unbound one', () =>
      given(started, oximeterBound, cuffBound)
        .when({ type: 'DeviceUnbound', deviceId: 'ox-1', deviceKind: 'oximeter', by: 'nurse', at: at('10:30:00') })
        .then((view) => expect(view?.devices.map((device) => device.deviceId)).toEqual(['bp-1'])));
    it('keeps doses in administration order', () =>
      given(started, dose(at('10:30:00'), true))
        .when(dose(at('10:10:00')))
        .then((view) => expect(view?.doses.map((d) => d.administeredAt)).toEqual([at('10:10:00'), at('10:30:00')])));
    it('puts a late-recorded dose in the timeline at the time it was given, saying when it was recorded', () =>
      given(started, { type: 'InterventionRecorded', text: 'Sitting up', by: 'nurse', at: at('10:20:00') })
        .when({ type: 'DoseAdministered', route: 'intranasal', doseMg: 56, administeredAt: at('10:10:00'), booster: false, by: 'Dr Reyes', at: at('10:22:00') })
        .then((view) =>
          expect(view?.timeline.map((entry) => `${entry.at.slice(11, 19)} ${entry.text}`)).toEqual([
            '10:00:00 Session started in Room 2 for P-0042 by Dr Reyes',
            '10:10:00 Dose 56 mg intranasal by Dr Reyes (recorded 12 min later)',
            '10:20:00 nurse: Sitting up',
          ]),
        ));
    it('keeps the timeline bounded, newest last', () => {
      const notes = Array.from({ length: TIMELINE_LIMIT + 5 }, (_, i): DashboardChange => ({ type: 'InterventionRecorded', text: `note ${i}`, by: 'nurse', at: at('10:10:00') }));
      given(started)
        .when(...notes)
        .then((view) => {
          expect(view?.timeline).toHaveLength(TIMELINE_LIMIT);
          expect(view?.timeline[TIMELINE_LIMIT - 1]?.text).toBe(`nurse: note ${TIMELINE_LIMIT + 4}`);
        });
    });
  });
});

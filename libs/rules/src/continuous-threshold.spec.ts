import { alertIdFor } from './alert-id';
import { given, oximetry, sensorOff, started, steady } from './testing/rule-scenario';

// Issue, "Continuous rules": oximetry runs, condition delays and the 10 s clear.
describe('continuous threshold rules (oximetry)', () => {
  const calm = [started('10:00:00'), steady('10:00:00', 5, 97)];

  describe('spo2-low (SpO2 < 92 for 15 s, medium)', () => {
    it('raises at the first breaching reading 15 s after the run began', () =>
      given(calm).when(steady('10:00:05', 16, 91)).then('10:00:20 raised spo2-low medium'));

    it('raises nothing one reading short of the delay', () => given(calm).when(steady('10:00:05', 15, 91)).thenNothing());

    it('raises nothing for a 10-second desaturation blip', () =>
      given(calm).when(steady('10:00:05', 11, 91), steady('10:00:16', 20, 97)).thenNothing());

    it('starts the run again after one good reading', () =>
      given(calm)
        .when(steady('10:00:05', 10, 91), oximetry('10:00:15', 96), steady('10:00:16', 16, 91))
        .then('10:00:31 raised spo2-low medium'));

    it('does not count SpO2 of exactly 92 as a breach', () => given(calm).when(steady('10:00:05', 30, 92)).thenNothing());

    // Issue 16, item 2: readings on either side of a gap of more than maxGapSeconds (5 s) between
    // valid readings are not one run; a shorter dropout neither breaks nor extends it.
    it('lets a gap of more than 5 s between valid readings end the run', () =>
      given(calm)
        .when(oximetry('10:00:05', 91), ...['06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19'].map((s) => sensorOff(`10:00:${s}`)), oximetry('10:00:20', 91))
        .thenNothing());

    it('lets a dropout of up to 5 s between valid readings neither break nor extend a run', () =>
      given(calm)
        .when(steady('10:00:05', 8, 91), sensorOff('10:00:13'), sensorOff('10:00:14'), sensorOff('10:00:15'), sensorOff('10:00:16'), steady('10:00:17', 4, 91))
        .then('10:00:20 raised spo2-low medium'));

    it('never raises on sensor-off readings, whatever SpO2 they carry', () =>
      given(calm)
        .when(Array.from({ length: 19 }, (_, i) => oximetry(`10:00:${String(5 + i).padStart(2, '0')}`, 80, 80, { sensorOff: true })))
        .thenNothing());

    it('ignores readings whose SpO2 is not a number', () =>
      given(calm).when(steady('10:00:05', 19, null)).thenNothing());

    it('carries the trigger, threshold, phase and rule-set version on the alarm', () =>
      given(calm)
        .when(steady('10:00:05', 16, 90))
        .thenOutputs((outputs) =>
          expect(outputs).toEqual([
            {
              type: 'AlertRaised',
              sessionId: 's1',
              at: '2026-11-29T10:00:20.000Z',
              data: {
                alertId: alertIdFor('s1', 'spo2-low', '2026-11-29T10:00:20Z'),
                ruleId: 'spo2-low',
                ruleSetVersion: 'kap-default@1.1.0',
                title: 'SpO2 low',
                priority: 'medium',
                kind: 'physiological',
                phase: 'pre-dose',
                minutesSinceDose: null,
                measure: 'spo2',
                comparison: '<',
                value: 90,
                threshold: 92,
                unit: '%',
              },
            },
          ]),
        ));
  });

  describe('clearing after 10 s of valid non-breaching readings', () => {
    const raised = [...calm, steady('10:00:05', 16, 91)];

    it('does not clear before 10 s of good readings', () => given(raised).when(steady('10:00:21', 10, 97)).thenNothing());

    it('clears at the first good reading 10 s after the first good one', () =>
      given(raised).when(steady('10:00:21', 11, 97)).then('10:00:31 cleared spo2-low condition-resolved'));

    it('restarts the 10 s after a breaching reading in between', () =>
      given(raised)
        .when(steady('10:00:21', 8, 97), oximetry('10:00:29', 91), steady('10:00:30', 11, 97))
        .then('10:00:40 cleared spo2-low condition-resolved'));

    it('counts the clear delay afresh after a gap of more than 5 s between valid readings', () =>
      given(raised)
        .when(oximetry('10:00:21', 97), sensorOff('10:00:22'), sensorOff('10:00:30'), steady('10:00:35', 11, 97))
        .then('10:00:45 cleared spo2-low condition-resolved'));

    it('keeps one alarm while the desaturation goes on', () => given(raised).when(steady('10:00:21', 60, 91)).thenNothing());
  });

  it('raises spo2-critical (high) at 10 s and spo2-low at 15 s for a deep desaturation', () =>
    given(calm).when(steady('10:00:05', 16, 85)).then('10:00:15 raised spo2-critical high', '10:00:20 raised spo2-low medium'));

  describe.each([
    { ruleId: 'pr-high', pulseRate: 130, delay: 60, expected: ['raised pr-high medium'] },
    { ruleId: 'pr-critical-high', pulseRate: 150, delay: 30, expected: ['raised pr-critical-high high'] },
    { ruleId: 'pr-low', pulseRate: 45, delay: 30, expected: ['raised pr-low medium'] },
    { ruleId: 'pr-critical-low', pulseRate: 35, delay: 15, expected: ['raised pr-critical-low high'] },
  ])('$ruleId (pulse rate $pulseRate for $delay s)', ({ pulseRate, delay, expected }) => {
    const at = new Date(Date.parse('2026-11-29T10:00:05Z') + delay * 1000).toISOString().slice(11, 19);
    it(`raises at T0 + ${delay} s`, () =>
      given(calm).when(steady('10:00:05', delay + 1, 97, pulseRate)).then(...expected.map((text) => `${at} ${text}`)));
    it('raises nothing one second earlier', () => given(calm).when(steady('10:00:05', delay, 97, pulseRate)).thenNothing());
  });

  it('does not breach pulse-rate limits at exactly 120 and 50', () =>
    given(calm).when(steady('10:00:05', 70, 97, 120), steady('10:01:15', 70, 97, 50)).thenNothing());
});

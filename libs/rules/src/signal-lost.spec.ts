import { given, oximetry, sensorOff, started, steady, tick } from './testing/rule-scenario';

// Issue: oximeter-signal-lost is raised at (last valid oximetry reading, or the first reading if
// none was valid) + 20 s, as soon as any input reaches that time; cleared by the next valid one.
describe('oximeter-signal-lost (technical, 20 s)', () => {
  const watched = [started('10:00:00'), oximetry('10:00:00', 97)];

  it('is raised by a Tick at last valid + 20 s, with that deadline as its time', () =>
    given(watched).when(tick('10:00:19'), tick('10:00:20')).then('10:00:20 raised oximeter-signal-lost medium'));

  it('is raised at the deadline even when the next input comes later', () =>
    given(watched).when(tick('10:00:45')).thenOutputs(([raised]) =>
      expect(raised).toMatchObject({
        at: '2026-11-29T10:00:20.000Z',
        data: { ruleId: 'oximeter-signal-lost', kind: 'technical', measure: 'secondsWithoutValidOximetry', value: 20, threshold: 20, unit: 's' },
      }),
    ));

  it('is raised by sensor-off readings, which never raise spo2 alarms', () =>
    given(watched)
      .when(Array.from({ length: 25 }, (_, i) => oximetry(`10:00:${String(1 + i).padStart(2, '0')}`, 70, 80, { sensorOff: true })))
      .then('10:00:20 raised oximeter-signal-lost medium'));

  it('counts from the first reading when none was valid', () =>
    given(started('10:00:00'), sensorOff('10:00:05')).when(tick('10:00:24'), tick('10:00:25')).then('10:00:25 raised oximeter-signal-lost medium'));

  it('is not watched before the first oximetry reading', () => given(started('10:00:00')).when(tick('10:05:00')).thenNothing());

  it('is not raised while valid readings keep coming', () => given(watched).when(steady('10:00:01', 60, 97)).thenNothing());

  // Hardening issue: a value the device reports as unavailable (IEEE 11073 NaN, NRes, …) with the
  // sensor on is no reading: it times signal loss like a missing reading and raises no SpO2 alarm.
  it('is raised by readings whose SpO2 the device reported unavailable, which raise nothing else', () =>
    given(watched)
      .when(
        Array.from({ length: 25 }, (_, i) =>
          oximetry(`10:00:${String(1 + i).padStart(2, '0')}`, null, 72, { unavailable: { reason: 'measurementUnavailable', values: { spo2: 'NaN' } } }),
        ),
      )
      .then('10:00:20 raised oximeter-signal-lost medium'));

  it('needs SpO2: a reading with only a pulse rate is not valid for it', () =>
    given(watched).when(steady('10:00:01', 21, null, 80)).then('10:00:20 raised oximeter-signal-lost medium'));

  describe('once raised', () => {
    const lost = [...watched, tick('10:00:30')];
    it('is cleared by the next valid reading', () =>
      given(lost).when(sensorOff('10:00:31'), oximetry('10:00:40', 97)).then('10:00:40 cleared oximeter-signal-lost reading-received'));
    it('is watched again from that reading', () =>
      given(lost, oximetry('10:00:40', 97)).when(tick('10:00:59'), tick('10:01:00')).then('10:01:00 raised oximeter-signal-lost medium'));
    it('escalates after 120 s unacknowledged, in time order with the raise', () =>
      given(watched).when(tick('10:03:00')).then('10:00:20 raised oximeter-signal-lost medium', '10:02:20 escalated oximeter-signal-lost high'));
  });

  // Issue 16, item 3: inputs at one instant are applied before the deadlines at that instant, so
  // a valid reading at exactly last + 20 s keeps the alarm from being raised: no zero-length alarm.
  it('is not raised by a deadline that a valid reading at the same instant has met', () =>
    given(watched).when(oximetry('10:00:20', 97), tick('10:01:00')).then('10:00:40 raised oximeter-signal-lost medium'));

  it('is raised by a Tick at the deadline even when a reading at that instant follows (the reading is late)', () =>
    given(watched)
      .when(tick('10:00:20'), oximetry('10:00:20', 97))
      .then('10:00:20 raised oximeter-signal-lost medium', '10:00:20 cleared oximeter-signal-lost reading-received'));
});

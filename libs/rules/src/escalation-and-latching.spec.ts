import { ack, bp, given, started, steady, tick } from './testing/rule-scenario';

// Issue, "Escalation" and "Latching" (IEC 60601-1-8, docs/clinical-sources.md §4.1).
describe('escalation', () => {
  // spo2-low raised at 10:00:20; readings continue to 10:02:30 so the oximeter is not lost.
  const desaturated = [started('10:00:00'), steady('10:00:05', 16, 91)];
  const stillLow = steady('10:00:21', 130, 91);

  it('escalates a medium alarm at exactly raised + 120 s', () =>
    given(desaturated, stillLow.slice(0, 118)).when(tick('10:02:19.999'), tick('10:02:20')).then('10:02:20 escalated spo2-low high'));

  it('escalates on a reading as well as a Tick, before the reading’s own outputs', () =>
    given(desaturated)
      .when(bp('10:02:25', 165, 95))
      .then('10:00:40 raised oximeter-signal-lost medium', '10:02:20 escalated spo2-low high', '10:02:25 raised bp-high medium', '10:02:25 raised predose-bp low'));

  it('does not escalate after an acknowledgement', () => given(desaturated).when(stillLow.slice(0, 40), ack('10:01:00', 'spo2-low'), stillLow.slice(40)).thenNothing());

  // Issue 16, item 3: inputs at one instant are applied before the deadlines at that instant.
  it('does not escalate when the acknowledgement comes at the escalation instant (inputs first)', () =>
    given(desaturated, stillLow.slice(0, 119)).when(ack('10:02:20', 'spo2-low'), tick('10:02:21')).thenNothing());

  it('does not escalate a high alarm', () =>
    given(started('10:00:00'), bp('10:01:00', 185, 95), ack('10:01:30', 'bp-high')).when(tick('10:10:00')).thenNothing());

  it('latches an escalated alarm: it stays after recovery until acknowledged', () =>
    given(desaturated, stillLow.slice(0, 120), tick('10:02:20'))
      .when(steady('10:02:21', 11, 97), ack('10:02:40', 'spo2-low'))
      .then('10:02:40 cleared spo2-low acknowledged'));
});

describe('latching of high alarms', () => {
  // spo2 87 for 11 s: spo2-critical (10 s) raised at 10:00:15, spo2-low (15 s) never.
  const critical = [started('10:00:00'), steady('10:00:05', 11, 87)];

  it('does not clear when the condition resolves, and clears at the acknowledgement', () =>
    given(critical)
      .when(steady('10:00:16', 30, 97), ack('10:00:50', 'spo2-critical'))
      .then('10:00:50 cleared spo2-critical acknowledged'));

  it('clears when the condition resolves if it was acknowledged while active', () =>
    given(critical, ack('10:00:16', 'spo2-critical'))
      .when(steady('10:00:16', 11, 97))
      .then('10:00:26 cleared spo2-critical condition-resolved'));

  it('re-arms a latched alarm whose condition returns, without raising a second one', () =>
    given(critical, steady('10:00:16', 11, 97))
      .when(steady('10:00:27', 11, 86), ack('10:00:38', 'spo2-critical'), steady('10:00:38', 11, 97))
      .then('10:00:48 cleared spo2-critical condition-resolved'));
});

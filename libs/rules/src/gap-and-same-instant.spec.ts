import { defaultRuleSet } from './default-rule-set';
import { parseRuleSet } from './parse-rule-set';
import { dose, everySecond, given, scenario, oximetry, sensorOff, started, steady, tick } from './testing/rule-scenario';

// Issue 16, items 2 and 3, as a class: a run of breaching (or clearing) readings ends when two
// consecutive valid readings of that value are more than maxGapSeconds (5 s) apart; and inputs at
// one instant are applied before the deadlines at that instant. Semantics: docs/alarm-semantics.md.

const offFor = (from: string, seconds: number) => Array.from({ length: seconds }, (_, i) => sensorOff(addSeconds(from, i)));
function addSeconds(hhmmss: string, seconds: number): string {
  return new Date(Date.parse(`2026-11-29T${hhmmss}Z`) + seconds * 1000).toISOString().slice(11, 19);
}

describe('a gap between valid readings ends a run (item 2)', () => {
  const calm = [started('10:00:00'), dose('10:00:00', 'intravenous'), steady('10:00:00', 60, 97)];

  describe.each([34, 40, 48, 55])('two artefact readings around a %i s sensor-off gap', (gapSeconds) => {
    // The measured episodes: SpO2 80 / pulse 150 on the readings either side of the gap.
    const artefacts = [oximetry('10:01:00', 80, 150), offFor('10:01:01', gapSeconds), oximetry(addSeconds('10:01:01', gapSeconds), 80, 150)];
    it('raise only oximeter-signal-lost', () =>
      given(calm)
        .when(artefacts, steady(addSeconds('10:01:02', gapSeconds), 30, 97))
        .then(
          '10:01:20 raised oximeter-signal-lost medium',
          `${addSeconds('10:01:01', gapSeconds)} cleared oximeter-signal-lost reading-received`,
        ));
  });

  it('a true desaturation with a 3 s dropout in the middle still alarms on time', () =>
    given(calm)
      .when(steady('10:01:00', 5, 80), offFor('10:01:05', 3), steady('10:01:08', 10, 80))
      .then('10:01:10 raised spo2-critical high', '10:01:15 raised spo2-low medium'));

  it('a dropout of exactly 5 s between valid readings (4 readings missing) does not break the run', () =>
    given(calm).when(steady('10:01:00', 3, 80), offFor('10:01:03', 4), steady('10:01:07', 4, 80)).then('10:01:10 raised spo2-critical high'));

  it('a gap of 6 s between valid readings starts the run again at the next breaching reading', () =>
    given(calm)
      .when(steady('10:01:00', 3, 80), offFor('10:01:03', 5), steady('10:01:08', 11, 80))
      .then('10:01:18 raised spo2-critical high'));

  it('a gap breaks a run of pulse-rate readings just the same (pr-critical-high, 30 s)', () =>
    given(calm)
      .when(everySecond('10:01:00', Array.from({ length: 20 }, () => [97, 150] as const)), offFor('10:01:20', 10), everySecond('10:01:30', Array.from({ length: 20 }, () => [97, 150] as const)))
      .thenNothing());

  it('a gap restarts the clear delay: readings either side do not add up to 10 s', () =>
    given(calm, steady('10:01:00', 16, 90))
      .when(steady('10:01:16', 6, 97), offFor('10:01:22', 10), steady('10:01:32', 9, 97), steady('10:01:41', 2, 97))
      .then('10:01:42 cleared spo2-low condition-resolved'));

  it('holds for a per-rule maxGapSeconds in a clinic’s rule set', () => {
    const json = JSON.parse(JSON.stringify(defaultRuleSet));
    json.rules.find((rule: { id: string }) => rule.id === 'spo2-critical').condition.maxGapSeconds = 60;
    scenario(parseRuleSet(json))
      .given(calm)
      .when(oximetry('10:01:00', 80), offFor('10:01:01', 40), oximetry('10:01:41', 80), steady('10:01:42', 5, 97))
      .then('10:01:20 raised oximeter-signal-lost medium', '10:01:41 raised spo2-critical high', '10:01:41 cleared oximeter-signal-lost reading-received');
  });
});

describe('an implausible step inside a run restarts it (artefacts back to back)', () => {
  const calm = [started('10:00:00'), steady('10:00:00', 60, 96)];

  // Seen in the cohort (seed 2, patient 3): a 6 s motion artefact (SpO2 86, pulse 173) and a 5 s
  // one (SpO2 77, pulse 144) back to back made an 11 s run below 88.
  it('two motion artefacts back to back raise nothing', () =>
    given(calm).when(everySecond('10:01:00', [...Array(6).fill([86, 173]), ...Array(5).fill([77, 144]), ...Array(10).fill([96, 89])])).thenNothing());

  it('a desaturation that falls fast but plausibly still alarms on time', () =>
    given(calm).when(everySecond('10:01:00', [92, 89, 86, 84, 83, 82, 82, 82, 82, 82, 82, 82, 82, 82])).then('10:01:12 raised spo2-critical high'));

  it('a single step (onset, or the probe’s first good reading) starts a run like any reading', () =>
    given(calm).when(steady('10:01:00', 11, 80)).then('10:01:10 raised spo2-critical high'));
});

describe('no zero-length alarms: inputs at an instant come before its deadlines (item 3)', () => {
  const watched = [started('10:00:00'), oximetry('10:00:00', 97)];

  describe.each([19, 20])('a sensor-off run of exactly %i s', (seconds) => {
    // Valid at 10:00:00, sensor off for `seconds` readings, valid again at 10:00:(seconds + 1)
    // or, for 19, at 10:00:20: the deadline instant itself.
    it('raises no oximeter-signal-lost when the next valid reading lands at or before the deadline', () =>
      given(watched)
        .when(offFor('10:00:01', seconds - 1), oximetry(addSeconds('10:00:00', seconds), 97), steady(addSeconds('10:00:01', seconds), 10, 97))
        .thenNothing());
  });

  it('raises and keeps the alarm when the valid reading comes one second after the deadline', () =>
    given(watched)
      .when(offFor('10:00:01', 20), oximetry('10:00:21', 97))
      .then('10:00:20 raised oximeter-signal-lost medium', '10:00:21 cleared oximeter-signal-lost reading-received'));

  it('never raises and clears an alarm at one instant, whatever the spacing around the deadline', () => {
    for (const lastOff of [18, 19, 20, 21]) {
      given(watched)
        .when(offFor('10:00:01', lastOff), steady(addSeconds('10:00:01', lastOff), 5, 97), tick('10:01:00'))
        .thenOutputs((outputs) => {
          const raised = outputs.filter((output) => output.type === 'AlertRaised').map((output) => output.at);
          const cleared = outputs.filter((output) => output.type === 'AlertCleared').map((output) => output.at);
          for (const at of raised) expect(cleared).not.toContain(at);
        });
    }
  });
});

import type { DoseRoute } from './dose-route';
import {
  DISSOCIATIVE_WINDOW_MINUTES,
  InvalidPhaseTimeError,
  ONSET_MINUTES_BY_ROUTE,
  type PhaseDose,
  latestDoseAt,
  minutesSinceDose,
  phaseAt,
  phaseWindow,
} from './session-phase';

const at = (hhmmss: string) => `2026-11-29T${hhmmss}.000Z`;
const dose = (hhmmss: string, route: DoseRoute = 'intranasal'): PhaseDose => ({ route, administeredAt: at(hhmmss) });

// Given these doses, when we ask at this time, then this phase.
const given = (...doses: PhaseDose[]) => ({
  at: (hhmmss: string) => ({ then: (phase: string) => expect(phaseAt(doses, at(hhmmss))).toBe(phase) }),
});

describe('session phases', () => {
  it('is pre-dose before any dose', () => given().at('10:00:00').then('pre-dose'));
  it('is pre-dose before the first dose', () => given(dose('10:10:00')).at('10:09:59').then('pre-dose'));
  it('is onset at the dose instant', () => given(dose('10:10:00')).at('10:10:00').then('onset'));
  it('is onset until the route onset ends (intranasal 10 min)', () => given(dose('10:10:00')).at('10:19:59').then('onset'));
  it('is dissociative from dose + onset', () => given(dose('10:10:00')).at('10:20:00').then('dissociative'));
  it('is dissociative until 60 minutes after onset', () => given(dose('10:10:00')).at('11:19:59').then('dissociative'));
  it('is recovery from onset + 60 minutes', () => given(dose('10:10:00')).at('11:20:00').then('recovery'));

  it.each<[DoseRoute, number]>([
    ['intravenous', 2],
    ['intramuscular', 5],
    ['intranasal', 10],
    ['sublingual', 15],
    ['oral', 20],
  ])('uses the %s onset of %i minutes', (route, minutes) => {
    expect(ONSET_MINUTES_BY_ROUTE[route]).toBe(minutes);
    const doses = [dose('10:00:00', route)];
    const start = Date.parse(at('10:00:00'));
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(phaseAt(doses, iso(start + minutes * 60_000 - 1))).toBe('onset');
    expect(phaseAt(doses, iso(start + minutes * 60_000))).toBe('dissociative');
    expect(phaseAt(doses, iso(start + (minutes + DISSOCIATIVE_WINDOW_MINUTES) * 60_000))).toBe('recovery');
  });

  describe('a booster dose', () => {
    const first = dose('10:00:00', 'intranasal');
    const booster = dose('11:05:00', 'intramuscular');
    it('restarts onset from the booster, in recovery of the first dose', () => given(first, booster).at('11:05:00').then('onset'));
    it('uses the booster route for the onset', () => given(first, booster).at('11:10:00').then('dissociative'));
    it('extends the dissociative window from the booster', () => given(first, booster).at('12:09:59').then('dissociative'));
    it('does not affect phases before the booster', () => given(first, booster).at('11:04:59').then('dissociative'));
    it('is found whatever the order of the list', () => given(booster, first).at('11:06:00').then('onset'));
  });

  it('reports minutes since the latest dose, or undefined before any', () => {
    const doses = [dose('10:00:00'), dose('10:30:00')];
    expect(minutesSinceDose(doses, at('09:59:00'))).toBeUndefined();
    expect(minutesSinceDose(doses, at('10:15:30'))).toBe(15.5);
    expect(minutesSinceDose(doses, at('10:45:00'))).toBe(15);
    expect(latestDoseAt(doses, at('10:29:59'))).toBe(doses[0]);
  });

  it('gives the window boundaries of a dose', () => {
    expect(phaseWindow(dose('10:00:00', 'sublingual'))).toEqual({
      onsetFrom: at('10:00:00'),
      dissociativeFrom: at('10:15:00'),
      recoveryFrom: at('11:15:00'),
    });
  });

  it('rejects a time that is not ISO 8601, naming the field', () => {
    expect(() => phaseAt([dose('10:00:00')], 'yesterday')).toThrow(InvalidPhaseTimeError);
    expect(() => phaseAt([{ route: 'oral', administeredAt: 'soon' }], at('10:00:00'))).toThrow('administeredAt: "soon"');
  });
});

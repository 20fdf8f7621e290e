import { formatAge, formatAgo, formatCountdown, formatSigned, formatSinceDose, ruleLabel } from './format';

describe('what the tiles write', () => {
  it('ages, readable at a glance', () => {
    expect([formatAge(1_500), formatAge(12_400), formatAge(4 * 60_000 + 5_000), formatAge(65 * 60_000)]).toEqual(['now', '12 s', '4 min', '1 h 05 min']);
    expect([formatAgo(900), formatAgo(12_000)]).toEqual(['just now', '12 s ago']);
  });
  it('time since the dose and the audio-pause countdown', () => {
    expect([formatSinceDose(23.7), formatSinceDose(72)]).toEqual(['23 min since dose', '1 h 12 min since dose']);
    expect([formatCountdown(120_000), formatCountdown(61_200)]).toEqual(['2:00', '1:02']);
  });
  it('signed changes from baseline', () => expect([formatSigned(12), formatSigned(-5), formatSigned(0)]).toEqual(['+12', '−5', '±0']));
  it('rule ids from the rule set, humanised', () => {
    expect(ruleLabel('spo2-critical')).toBe('SpO₂ critical');
    expect(ruleLabel('bp-rise')).toBe('BP rise');
    expect(ruleLabel('oximeter-signal-lost')).toBe('Oximeter signal lost');
  });
});

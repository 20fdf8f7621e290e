import { BLOOD_PRESSURE_FRESHNESS, freshnessOf, OXIMETRY_FRESHNESS } from './value-freshness';

describe('the freshness of a shown vital sign', () => {
  it('oximetry: current up to 10 s, shrunk with its age up to 60 s, then replaced', () => {
    expect(freshnessOf(10_000, OXIMETRY_FRESHNESS)).toBe('current');
    expect(freshnessOf(10_001, OXIMETRY_FRESHNESS)).toBe('aging');
    expect(freshnessOf(60_000, OXIMETRY_FRESHNESS)).toBe('aging');
    expect(freshnessOf(60_001, OXIMETRY_FRESHNESS)).toBe('expired');
  });

  it('blood pressure: a 5-minute-old cuff reading is current; one missed measurement shrinks it; 15 min replaces it', () => {
    expect(freshnessOf(5 * 60_000, BLOOD_PRESSURE_FRESHNESS)).toBe('current');
    expect(freshnessOf(7 * 60_000, BLOOD_PRESSURE_FRESHNESS)).toBe('aging');
    expect(freshnessOf(16 * 60_000, BLOOD_PRESSURE_FRESHNESS)).toBe('expired');
  });
});

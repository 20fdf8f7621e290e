import { DOSE_ROUTES } from '@vigil/domain';
import { ROUTE_PHARMACOLOGY } from '../patient/route-pharmacology';
import { ketamineResponseFraction } from './ketamine-response';

const MINUTE = 60;

describe('ketamineResponseFraction', () => {
  describe.each(DOSE_ROUTES)('%s', (route) => {
    const curve = Array.from({ length: 3 * 60 * MINUTE }, (_, second) => ketamineResponseFraction(route, second));

    it('is flat until the route’s onset, then rises', () => {
      const onset = ROUTE_PHARMACOLOGY[route].onsetSeconds;
      expect(curve.slice(0, onset + 1).every((value) => value === 0)).toBe(true);
      expect(curve[onset + MINUTE]).toBeGreaterThan(0);
      expect(ketamineResponseFraction(route, -5 * MINUTE)).toBe(0);
    });

    it('peaks at 40 minutes after the dose', () => {
      const peakSecond = curve.indexOf(Math.max(...curve));
      expect(peakSecond).toBe(40 * MINUTE);
      expect(curve[peakSecond]).toBe(1);
    });

    it('is back at baseline by 100 minutes and stays there', () => {
      expect(curve[90 * MINUTE]).toBeLessThan(0.1);
      expect(curve.slice(100 * MINUTE).every((value) => value === 0)).toBe(true);
    });

    it('rises and falls without jumps', () => {
      for (let second = 1; second < curve.length; second++) {
        expect(Math.abs((curve[second] ?? 0) - (curve[second - 1] ?? 0))).toBeLessThan(0.002);
      }
    });
  });

  it('orders the onsets IV < IM < IN < SL < oral', () => {
    const at = (minutes: number) => DOSE_ROUTES.map((route) => [route, ketamineResponseFraction(route, minutes * MINUTE)] as const);
    expect(Object.fromEntries(at(4))).toEqual(expect.objectContaining({ intravenous: expect.any(Number) }));
    const started = (minutes: number) => at(minutes).filter(([, value]) => value > 0).map(([route]) => route).sort();
    expect(started(3)).toEqual(['intravenous']);
    expect(started(6)).toEqual(['intramuscular', 'intravenous']);
    expect(started(11)).toEqual(['intramuscular', 'intranasal', 'intravenous']);
    expect(started(16)).toEqual(['intramuscular', 'intranasal', 'intravenous', 'sublingual']);
    expect(started(21)).toHaveLength(5);
  });
});

import { chartWindow, LIVE_CHART_WINDOW_MS } from './chart-window';

const T = Date.parse('2026-12-01T10:00:00Z');
const MIN = 60_000;

describe('the charts’ time axis', () => {
  it('runs to now and shows the whole window even with no reading yet', () => {
    expect(chartWindow(T - 2 * MIN, T, LIVE_CHART_WINDOW_MS, LIVE_CHART_WINDOW_MS)).toEqual([T - 30 * MIN, T]);
  });

  it('keeps only the last window of a long session live', () => {
    expect(chartWindow(T - 3 * 60 * MIN, T, LIVE_CHART_WINDOW_MS, LIVE_CHART_WINDOW_MS)).toEqual([T - 30 * MIN, T]);
  });

  it('shows an ended session from its start to its end', () => {
    expect(chartWindow(T - 125 * MIN, T, 10 * MIN)).toEqual([T - 125 * MIN, T]);
  });
});

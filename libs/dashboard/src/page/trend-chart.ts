import type uPlot from 'uplot';
import { vendors } from './vendor';

const AXIS = { stroke: '#8a96a3', grid: { stroke: '#1c2631', width: 1 }, ticks: { stroke: '#1c2631', width: 1 } };

export type ChartSeries = { label: string; scale: string; color: string; range: [number, number]; points?: boolean };

/**
 * A uPlot time chart for the session view. Data is set only when the view's arrays change
 * (the views are immutable, so identity says it); uPlot expects seconds on the time axis.
 */
export class TrendChart {
  readonly element: HTMLElement;
  private plot: uPlot | undefined;
  private source: unknown;

  constructor(
    private readonly title: string,
    private readonly series: ChartSeries[],
    private readonly height = 260,
    /** The time axis in epoch ms, asked at every update: it runs to now, whatever the readings (view/chart-window.ts). */
    private readonly timeWindow?: () => [number, number],
  ) {
    this.element = document.createElement('figure');
    this.element.className = 'chart';
    const caption = document.createElement('figcaption');
    caption.textContent = title;
    this.element.append(caption);
  }

  update(source: unknown, data: () => (number | null)[][]): void {
    // clientWidth includes the figure's padding (.6rem each side).
    const width = Math.max(300, this.element.clientWidth - 24);
    if (!this.plot) {
      if (!this.element.isConnected) return;
      this.plot = new (vendors().uPlot)(this.options(width), data() as uPlot.AlignedData, this.element);
      this.source = source;
      return;
    }
    if (Math.abs(this.plot.width - width) > 4) this.plot.setSize({ width, height: this.height });
    if (source !== this.source) {
      this.source = source;
      this.plot.setData(data() as uPlot.AlignedData, !this.timeWindow);
    }
    if (this.timeWindow) {
      const [from, to] = this.timeWindow();
      this.plot.setScale('x', { min: from / 1000, max: to / 1000 });
    }
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = undefined;
  }

  private options(width: number): uPlot.Options {
    // One cuff reading alone would otherwise stretch the time axis over years.
    const scales: uPlot.Scales = {
      x: {
        time: true,
        range: (_u, min, max) => {
          const window = this.timeWindow?.();
          return window ? [window[0] / 1000, window[1] / 1000] : min === max ? [min - 300, max + 300] : [min, max];
        },
      },
    };
    for (const s of this.series) scales[s.scale] = { range: (_u, min, max) => [Math.min(s.range[0], min ?? s.range[0]), Math.max(s.range[1], max ?? s.range[1])] };
    const scaleNames = [...new Set(this.series.map((s) => s.scale))];
    return {
      title: undefined,
      width,
      height: this.height,
      scales,
      legend: { show: true },
      series: [
        {},
        ...this.series.map((s) => ({
          label: s.label,
          scale: s.scale,
          stroke: s.color,
          width: 2,
          spanGaps: false,
          points: { show: s.points ?? false, size: 7, fill: s.color },
        })),
      ],
      axes: [AXIS, ...scaleNames.map((scale, index) => ({ ...AXIS, scale, side: index === 0 ? 3 : 1, label: this.series.find((s) => s.scale === scale)?.label }))],
    };
  }
}

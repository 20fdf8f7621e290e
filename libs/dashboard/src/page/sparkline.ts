import type { TrendPoint } from '../protocol';
import { TREND_WINDOW_MS } from '../view/view-limits';
import { withGaps } from './trend-gaps';

const MIN_SPAN_MS = 5 * 60_000;

/**
 * The tile's 30-minute SpO2 trend on a canvas: cheap enough to redraw every tile every second.
 * The y range starts at 80% (or lower when the trend goes lower), so a fall is visible at a distance.
 */
export class Sparkline {
  readonly canvas: HTMLCanvasElement;
  private drawn: { trend: readonly TrendPoint[]; end: number; width: number } | undefined;

  constructor() {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'sparkline';
    this.canvas.setAttribute('role', 'img');
  }

  draw(trend: readonly TrendPoint[], now: number): void {
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    const end = Math.floor(now / 5_000) * 5_000; // redraw as time moves, but not more than every 5 s
    if (!width || !height || (this.drawn && this.drawn.trend === trend && this.drawn.end === end && this.drawn.width === width)) return;
    this.drawn = { trend, end, width };
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    const context = this.canvas.getContext('2d');
    if (!context) return;
    context.scale(ratio, ratio);
    context.clearRect(0, 0, width, height);
    const values = trend.map(([, spo2]) => spo2).filter((v): v is number => v !== null);
    const low = Math.min(80, ...values);
    const high = 100;
    // The window grows with the data from 5 minutes to the full 30, so a new session's first
    // minutes are readable rather than a sliver at the right edge; the span is written on the tile.
    const first = trend[0]?.[0] ?? end;
    const span = Math.min(TREND_WINDOW_MS, Math.max(MIN_SPAN_MS, Math.ceil((end - first) / MIN_SPAN_MS) * MIN_SPAN_MS));
    const start = end - span;
    const x = (t: number) => ((t - start) / span) * width;
    const y = (v: number) => height - 2 - ((v - low) / (high - low)) * (height - 4);
    context.strokeStyle = 'rgba(140, 160, 180, 0.25)';
    context.setLineDash([3, 4]);
    context.beginPath();
    context.moveTo(0, y(90));
    context.lineTo(width, y(90));
    context.stroke();
    context.setLineDash([]);
    context.strokeStyle = '#5fb3c9';
    context.lineWidth = 2;
    context.beginPath();
    let drawing = false;
    for (const [t, spo2] of withGaps(trend)) {
      if (spo2 === null || t < start) {
        drawing = false;
        continue;
      }
      if (drawing) context.lineTo(x(t), y(spo2));
      else context.moveTo(x(t), y(spo2));
      drawing = true;
    }
    context.stroke();
    context.fillStyle = 'rgba(140, 160, 180, 0.7)';
    context.font = '11px system-ui, sans-serif';
    context.fillText(`${span / 60_000} min`, 2, 11);
    context.fillText('90%', width - 26, y(90) - 3);
    const last = values[values.length - 1];
    this.canvas.setAttribute('aria-label', last === undefined ? 'SpO2 trend: no readings' : `SpO2 trend over ${span / 60_000} minutes, latest ${last}%`);
  }
}

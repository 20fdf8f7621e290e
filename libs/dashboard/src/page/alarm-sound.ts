import type { AlarmPriority } from '../protocol';

type Pattern = { frequencyHz: number; pulseOffsetsS: number[]; pulseS: number; repeatS: number };

/**
 * Distinct tones per priority after IEC 60601-1-8's burst shapes: high is ten fast pulses (3+2,
 * 3+2) repeated every few seconds; medium three pulses; low two softer, slower ones. Pitch also
 * differs, so the priority can be told without looking.
 */
const PATTERNS: Readonly<Record<AlarmPriority, Pattern>> = {
  high: { frequencyHz: 880, pulseOffsetsS: [0, 0.2, 0.4, 0.9, 1.1, 2.0, 2.2, 2.4, 2.9, 3.1], pulseS: 0.14, repeatS: 7 },
  medium: { frequencyHz: 660, pulseOffsetsS: [0, 0.3, 0.6], pulseS: 0.2, repeatS: 10 },
  low: { frequencyHz: 520, pulseOffsetsS: [0, 0.4], pulseS: 0.25, repeatS: 25 },
};

const GAIN: Readonly<Record<AlarmPriority, number>> = { high: 0.35, medium: 0.25, low: 0.15 };

/**
 * Sounds the highest audible priority. Browsers only let a page make sound after a user gesture,
 * so `enable()` is wired to the first click; until then the page says that sound is off.
 */
export class AlarmSound {
  private context: AudioContext | undefined;
  private current: AlarmPriority | undefined;
  private nextBurstAt = 0;
  private timer: number | undefined;

  get enabled(): boolean {
    return this.context?.state === 'running';
  }

  enable(): void {
    this.context ??= new AudioContext();
    void this.context.resume();
  }

  /** Called every second with what should be sounding now (undefined: silence). */
  sound(priority: AlarmPriority | undefined): void {
    if (priority !== this.current) {
      this.current = priority;
      this.nextBurstAt = 0; // a new or higher priority sounds at once
    }
    if (this.timer === undefined) this.timer = window.setInterval(() => this.tick(), 250);
    this.tick();
  }

  private tick(): void {
    const context = this.context;
    if (!context || context.state !== 'running' || !this.current) return;
    if (context.currentTime < this.nextBurstAt) return;
    const pattern = PATTERNS[this.current];
    const start = context.currentTime + 0.05;
    for (const offset of pattern.pulseOffsetsS) this.pulse(context, start + offset, pattern, GAIN[this.current]);
    this.nextBurstAt = start + pattern.repeatS;
  }

  private pulse(context: AudioContext, at: number, pattern: Pattern, gain: number): void {
    const oscillator = context.createOscillator();
    const envelope = context.createGain();
    // A square-ish wave carries across a room better than a sine; the envelope avoids clicks.
    oscillator.type = 'triangle';
    oscillator.frequency.value = pattern.frequencyHz;
    envelope.gain.setValueAtTime(0, at);
    envelope.gain.linearRampToValueAtTime(gain, at + 0.015);
    envelope.gain.setValueAtTime(gain, at + pattern.pulseS - 0.02);
    envelope.gain.linearRampToValueAtTime(0, at + pattern.pulseS);
    oscillator.connect(envelope).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + pattern.pulseS + 0.01);
  }
}

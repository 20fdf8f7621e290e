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
 * Sounds the highest audible priority. The audio context is made at page load and asked to run at
 * once: a browser started with `--autoplay-policy=no-user-gesture-required` (the wall screen's kiosk
 * flag, README "Sound on a wall screen") lets it, so a wall that restarts at night is not silent.
 * Otherwise browsers allow sound only after a user gesture: `enable()` is wired to the first click,
 * and until then the page shows the SOUND OFF bar (issue 15 item 5).
 */
export class AlarmSound {
  private context: AudioContext | undefined;
  private current: AlarmPriority | undefined;
  private nextBurstAt = 0;
  private timer: number | undefined;
  /** Bursts started, by priority: what the browser tests read to know a tone is playing. */
  readonly bursts: Record<AlarmPriority, number> = { high: 0, medium: 0, low: 0 };

  /** `onStateChange`: the page shows or hides the SOUND OFF bar as soon as the browser allows or stops audio. */
  constructor(private readonly onStateChange: () => void = () => undefined) {}

  get enabled(): boolean {
    return this.context?.state === 'running';
  }

  get state(): AudioContextState | 'none' {
    return this.context?.state ?? 'none';
  }

  enable(): void {
    if (!this.context) {
      this.context = new AudioContext();
      this.context.addEventListener('statechange', () => this.onStateChange());
    }
    // Rejected or left suspended without a gesture under the default autoplay policy: the bar stays.
    this.context.resume().catch(() => undefined);
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
    this.bursts[this.current]++;
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

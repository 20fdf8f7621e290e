/**
 * Calls `tick` every interval, never two at once: a tick that outlasts the interval (a slow
 * store) is not stacked behind another. Its own piece so that the engine decides what a tick does
 * and this only when (docs/architecture.md "Processors").
 */
export class TickScheduler {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => Promise<void>,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.fire(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async fire(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.tick();
    } finally {
      this.running = false;
    }
  }
}

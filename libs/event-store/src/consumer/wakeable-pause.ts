/** A pause between retries that `stop` can cut short, so a stopping consumer does not wait out its back-off. */
export class WakeablePause {
  private wakeUp: (() => void) | undefined;

  for(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}

/**
 * A pause that `wake()` ends early: a consumer or subscription waiting before a retry must stop at
 * once when it is stopped, not after the pause.
 */
export function wakeableSleep(): { sleep(ms: number): Promise<void>; wake(): void } {
  let wakeSleep: (() => void) | undefined;
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wakeSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    wake: () => wakeSleep?.(),
  };
}

/**
 * Waits for a condition a bus reaches asynchronously (a delivery, a rebalance, a health change),
 * failing with what it waited for. A bound on waiting, not a timing assertion: nothing here checks
 * how fast it happened.
 */
export async function eventually(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Prints a benchmark figure as one aligned line, and as JSON when BENCH_JSON is set. */
export function report(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  if (process.env.BENCH_JSON) {
    process.stdout.write(`${JSON.stringify({ name, value: Math.round(value), unit, ...extra })}\n`);
    return;
  }
  const details = Object.entries(extra)
    .map(([key, v]) => `${key}=${typeof v === 'number' ? Math.round(v * 100) / 100 : String(v)}`)
    .join(' ');
  process.stdout.write(`${name.padEnd(58)} ${Math.round(value).toLocaleString('en-US').padStart(12)} ${unit}${details ? `  (${details})` : ''}\n`);
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ seconds: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

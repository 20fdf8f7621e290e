import type { RecordedEvent } from '@vigil/event-store';
import type { VigilProcess } from './vigil-process';

/** Polls `probe` every 100 ms until it answers something other than undefined; fails naming `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A session's stored events, through the HTTP API. */
export async function sessionEvents(app: VigilProcess, sessionId: string): Promise<RecordedEvent[]> {
  const { body } = await app.get(`/api/v1/sessions/${encodeURIComponent(sessionId)}/events?limit=10000`);
  return body.events;
}

/** Waits until the alert engine has applied, and stored the alarms of, everything stored (any app harness: only its URL is asked). */
export const settled = (app: { url: string }, timeoutMs?: number) =>
  waitFor(
    'the alert engine to catch up',
    async () => {
      // The health body, typed loosely as VigilProcess.get answers it: the suites read what they need.
      const body: any = await (await fetch(`${app.url}/api/v1/health`)).json();
      return body.alerting.caughtUp && body.alerting.pendingAlarmWrites === 0 && body.alerting.upToHead ? body : undefined;
    },
    timeoutMs,
  );

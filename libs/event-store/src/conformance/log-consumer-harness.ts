import type { LogConsumer, LogConsumerRun } from '../consumer/log-consumer.port';
import type { EventStore } from '../event-store.port';
import type { RecordedEvent } from '../events';
import type { LogPosition } from '../positions';
import { testEvent } from './event-store.contract';

export type LogConsumerFactory = () => Promise<{ store: EventStore; consumer: LogConsumer; dispose?: () => Promise<void> }>;

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

/** Waits (bounded) until `done()` holds; the bound only turns a hang into a failure, it asserts no speed. */
export async function until(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * What both log-consumer suites share (the global-order one and the per-key one): a fresh store and
 * consumer per test, every run stopped after it, appends of numbered test events, and runs started
 * with a handler. Call inside a `describe`.
 */
export function logConsumerHarness(factory: LogConsumerFactory) {
  const made = {} as { store: EventStore; consumer: LogConsumer; dispose?: () => Promise<void> };
  const runs: LogConsumerRun[] = [];
  beforeEach(async () => {
    Object.assign(made, { dispose: undefined }, await factory());
  });
  afterEach(async () => {
    await Promise.all(runs.splice(0).map((run) => run.stop()));
    await made.dispose?.();
  });
  return {
    get store(): EventStore {
      return made.store;
    },
    /** Starts a run and stops it after the test. */
    startRun(after: LogPosition, handler: Parameters<LogConsumer['start']>[1]): LogConsumerRun {
      const run = made.consumer.start(after, handler);
      runs.push(run);
      return run;
    },
    async append(stream: string, n: number): Promise<string[]> {
      const ids = Array.from({ length: n }, () => unique('e'));
      await made.store.appendToStream(stream, ids.map((id, i) => testEvent(id, { i })), { expectedRevision: 'any' });
      return ids;
    },
    start(after: LogPosition, handle: (events: readonly RecordedEvent[]) => Promise<void> | void, caughtUp?: (position: LogPosition) => void): LogConsumerRun {
      return this.startRun(after, { handle, ...(caughtUp ? { caughtUp } : {}) });
    },
  };
}

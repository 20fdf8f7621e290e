import type { RecordedEvent } from '../events';
import type { LogPosition } from '../positions';
import { logConsumerHarness, unique, until, type LogConsumerFactory } from './log-consumer-harness';

export { unique, until, type LogConsumerFactory } from './log-consumer-harness';

/**
 * The one contract every `LogConsumer` passes unchanged (docs/architecture.md "Processors"): from a
 * given position, every event once or more, in log order, never one skipped, a failed batch
 * delivered again, and nothing after `stop`.
 */
export function describeLogConsumerContract(name: string, factory: LogConsumerFactory): void {
  describe(`log consumer contract: ${name}`, () => {
    const harness = logConsumerHarness(factory);
    const append = harness.append.bind(harness);
    const start = harness.start.bind(harness);

    it('delivers every event after the start position, in log order, then says it has caught up', async () => {
      const before = await append(unique('s'), 3);
      const from = await harness.store.headPosition();
      const stream = unique('s');
      const ids = [...(await append(stream, 250)), ...(await append(unique('t'), 5))];
      const seen: string[] = [];
      let caughtUpAt: LogPosition | undefined;
      const run = start(from, (events) => void seen.push(...events.map((event) => event.id)), (position) => (caughtUpAt = position));
      await until(() => caughtUpAt !== undefined, 'caught-up');
      expect(seen.filter((id) => !before.includes(id)).slice(0, ids.length)).toEqual(ids);
      expect(seen.some((id) => before.includes(id))).toBe(false);
      expect(caughtUpAt).toBe(await harness.store.headPosition());
      expect(run.status).toMatchObject({ handledUpTo: caughtUpAt, caughtUp: true });
    });

    it('hands over what is ready in batches, and keeps delivering what is appended after catching up', async () => {
      const from = await harness.store.headPosition();
      await append(unique('s'), 300);
      const batches: number[] = [];
      const seen: string[] = [];
      let live = false;
      start(from, (events) => {
        batches.push(events.length);
        seen.push(...events.map((event) => event.id));
      }, () => (live = true));
      await until(() => live, 'caught-up');
      expect(Math.max(...batches)).toBeGreaterThan(1);
      const later = await append(unique('late'), 4);
      await until(() => later.every((id) => seen.includes(id)), 'the live events');
      expect(seen.slice(-4)).toEqual(later);
    });

    it('delivers a batch again when its handler failed, and skips nothing after it', async () => {
      const from = await harness.store.headPosition();
      const ids = await append(unique('s'), 20);
      const seen: string[] = [];
      let failures = 0;
      const run = harness.startRun(from, {
        handle: (events) => {
          if (failures < 2 && events.some((event) => event.id === ids[7])) {
            failures++;
            throw new Error('the consumer could not store its state');
          }
          seen.push(...events.map((event) => event.id));
        },
      });
      await until(() => ids.every((id) => seen.includes(id)), 'every event after the failures');
      expect(failures).toBe(2);
      // At least once, in order: dropping repeats leaves exactly the log.
      expect(seen.filter((id, i) => seen.indexOf(id) === i)).toEqual(ids);
      expect(run.status.consecutiveFailures).toBe(0);
    });

    it('reports a failure that keeps repeating, without skipping past it', async () => {
      const from = await harness.store.headPosition();
      const ids = await append(unique('s'), 3);
      const run = start(from, (events) => {
        if (events.some((event) => event.id === ids[1])) throw new Error('poison');
      });
      await until(() => run.status.consecutiveFailures >= 2, 'repeated failures');
      expect(run.status.lastError).toBe('poison');
      expect(harness.store.comparePositions(run.status.handledUpTo, from)).toBeGreaterThanOrEqual(0);
      const [first] = await harness.store.readAll({ afterPosition: from, maxCount: 1 });
      // Never past the failing event: at most the one before it.
      expect(harness.store.comparePositions(run.status.handledUpTo, first!.position)).toBeLessThanOrEqual(0);
    });

    it('resumes from a handled position without a gap or a repeat', async () => {
      const from = await harness.store.headPosition();
      const first = await append(unique('s'), 10);
      const seen: string[] = [];
      let live = false;
      const run = start(from, (events) => void seen.push(...events.map((event) => event.id)), () => (live = true));
      await until(() => live, 'caught-up');
      await run.stop();
      const resumeAt = run.status.handledUpTo;
      const second = await append(unique('s'), 10);
      const resumed: string[] = [];
      start(resumeAt, (events) => void resumed.push(...events.map((event) => event.id)));
      await until(() => resumed.length >= second.length, 'the events after the resume point');
      expect(seen).toEqual(first);
      expect(resumed).toEqual(second);
    });

    it('delivers nothing once stopped', async () => {
      const from = await harness.store.headPosition();
      let live = false;
      const seen: string[] = [];
      const run = start(from, (events) => void seen.push(...events.map((event) => event.id)), () => (live = true));
      await until(() => live, 'caught-up');
      await run.stop();
      await append(unique('s'), 5);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen).toEqual([]);
    });
  });
}

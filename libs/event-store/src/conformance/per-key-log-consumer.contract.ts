import type { RecordedEvent } from '../events';
import { logConsumerHarness, unique, until, type LogConsumerFactory } from './log-consumer-harness';

/**
 * The per-key variant of the log-consumer contract (docs/distributed.md "Processors over the bus"):
 * what a consumer that divides the log by key (a bus partitioned by session) can promise. Every event
 * after the start position once or more, each key's events (here: each stream's) in log order, a
 * failed batch delivered again, a repeated failure reported, nothing after `stop`. Order across keys
 * is not promised. A global-order consumer passes it too, and is run against it to show the suite
 * asks nothing more.
 */
export function describePerKeyLogConsumerContract(name: string, factory: LogConsumerFactory): void {
  describe(`per-key log consumer contract: ${name}`, () => {
    const harness = logConsumerHarness(factory);
    const append = harness.append.bind(harness);
    const start = harness.start.bind(harness);
    /** What one stream's events arrived as, repeats dropped. */
    const firstSightings = (seen: readonly RecordedEvent[], stream: string) => {
      const ids = seen.filter((event) => event.stream === stream).map((event) => event.id);
      return ids.filter((id, i) => ids.indexOf(id) === i);
    };

    it('delivers every event after the start position, each key in log order, and says it is following', async () => {
      const before = await append(unique('s'), 3);
      const from = await harness.store.headPosition();
      const streams = [unique('a'), unique('b'), unique('c')];
      const appended = new Map<string, string[]>(streams.map((stream) => [stream, []]));
      // Interleaved, so that the log order across keys differs from any one key's order.
      for (let round = 0; round < 5; round++) {
        for (const stream of streams) appended.get(stream)!.push(...(await append(stream, 7)));
      }
      const seen: RecordedEvent[] = [];
      let following = false;
      const run = start(from, (events) => void seen.push(...events), () => (following = true));
      await until(() => following && streams.every((stream) => firstSightings(seen, stream).length === 35), 'every event of the three keys', 60_000);
      for (const stream of streams) expect(firstSightings(seen, stream)).toEqual(appended.get(stream));
      expect(seen.some((event) => before.includes(event.id))).toBe(false);
      expect(run.status.caughtUp).toBe(true);
      expect(harness.store.comparePositions(run.status.handledUpTo, from)).toBeGreaterThan(0);
      const later = await append(unique('late'), 4);
      await until(() => later.every((id) => seen.some((event) => event.id === id)), 'the events appended while following', 60_000);
      expect(seen.slice(-4).map((event) => event.id)).toEqual(later);
    });

    it('delivers a batch again when its handler failed, and skips nothing of its key after it', async () => {
      const from = await harness.store.headPosition();
      const stream = unique('s');
      const ids = await append(stream, 20);
      const seen: RecordedEvent[] = [];
      let failures = 0;
      const run = start(from, (events) => {
        if (failures < 2 && events.some((event) => event.id === ids[7])) {
          failures++;
          throw new Error('the consumer could not store its state');
        }
        seen.push(...events);
      });
      await until(() => firstSightings(seen, stream).length === ids.length, 'every event after the failures', 60_000);
      expect(failures).toBe(2);
      expect(firstSightings(seen, stream)).toEqual(ids);
      expect(run.status.consecutiveFailures).toBe(0);
    });

    it('reports a failure that keeps repeating, and delivers nothing of that key past it', async () => {
      const from = await harness.store.headPosition();
      const stream = unique('s');
      const ids = await append(stream, 3);
      const seen: string[] = [];
      const run = start(from, (events) => {
        if (events.some((event) => event.id === ids[1])) throw new Error('poison');
        seen.push(...events.map((event) => event.id));
      });
      await until(() => run.status.consecutiveFailures >= 2, 'repeated failures', 60_000);
      expect(run.status.lastError).toBe('poison');
      expect(seen).not.toContain(ids[2]);
    });

    it('delivers nothing once stopped', async () => {
      const from = await harness.store.headPosition();
      let following = false;
      const seen: string[] = [];
      const run = start(from, (events) => void seen.push(...events.map((event) => event.id)), () => (following = true));
      await until(() => following, 'following', 60_000);
      await run.stop();
      const after = await append(unique('s'), 5);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen.filter((id) => after.includes(id))).toEqual([]);
    });
  });
}

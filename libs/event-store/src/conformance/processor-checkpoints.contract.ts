import type { JsonValue } from '../events';
import { positionFromString } from '../positions';
import type { ProcessorCheckpointStore } from '../processor-checkpoints.port';

export type ProcessorCheckpointsFactory = () => Promise<{ checkpoints: ProcessorCheckpointStore; dispose?: () => Promise<void> }>;

let counter = 0;
const processorName = () => `p-${process.pid}-${Date.now().toString(36)}-${++counter}`;
const entriesOf = (entries: Map<string, JsonValue> | undefined) => Object.fromEntries(entries ?? []);

/** The one contract every checkpoint store passes unchanged (in-memory, SQLite, PostgreSQL). */
export function describeProcessorCheckpointsContract(name: string, factory: ProcessorCheckpointsFactory): void {
  describe(`processor checkpoints contract: ${name}`, () => {
    let checkpoints: ProcessorCheckpointStore;
    let dispose: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      ({ checkpoints, dispose } = await factory());
    });
    afterEach(async () => dispose?.());

    it('has nothing for a processor that never saved', async () => {
      await expect(checkpoints.load(processorName())).resolves.toBeUndefined();
    });

    it('gives back the position, version and entries saved, JSON values intact', async () => {
      const p = processorName();
      const value = { clock: 1_764_000_000_123.5, nested: { list: [1, 'two', null, true] }, text: 'ü "quoted" \n' };
      await checkpoints.save(p, { position: positionFromString('42'), version: 'rules@1', put: new Map<string, JsonValue>([['a', value], ['b', 7]]), remove: [] });
      const loaded = await checkpoints.load(p);
      expect(loaded).toMatchObject({ position: '42', version: 'rules@1' });
      expect(entriesOf(loaded?.entries)).toEqual({ a: value, b: 7 });
    });

    it('writes only what a save names: other entries stay, removed ones go, the position moves', async () => {
      const p = processorName();
      await checkpoints.save(p, { position: positionFromString('1'), version: 'v', put: new Map<string, JsonValue>([['a', 1], ['b', 2], ['c', 3]]), remove: [] });
      await checkpoints.save(p, { position: positionFromString('2'), version: 'v', put: new Map<string, JsonValue>([['b', 20]]), remove: ['c', 'never-there'] });
      const loaded = await checkpoints.load(p);
      expect(loaded?.position).toBe('2');
      expect(entriesOf(loaded?.entries)).toEqual({ a: 1, b: 20 });
    });

    it('keeps processors apart, and reset forgets one of them only', async () => {
      const [p, q] = [processorName(), processorName()];
      await checkpoints.save(p, { position: positionFromString('5'), version: 'v', put: new Map<string, JsonValue>([['k', 'p']]), remove: [] });
      await checkpoints.save(q, { position: positionFromString('9'), version: 'w', put: new Map<string, JsonValue>([['k', 'q']]), remove: [] });
      await checkpoints.reset(p);
      await expect(checkpoints.load(p)).resolves.toBeUndefined();
      expect(entriesOf((await checkpoints.load(q))?.entries)).toEqual({ k: 'q' });
    });

    it('saves a checkpoint whose entries are all removed as an empty state, not as none', async () => {
      const p = processorName();
      await checkpoints.save(p, { position: positionFromString('3'), version: 'v', put: new Map<string, JsonValue>([['a', 1]]), remove: [] });
      await checkpoints.save(p, { position: positionFromString('4'), version: 'v', put: new Map(), remove: ['a'] });
      const loaded = await checkpoints.load(p);
      expect(loaded?.position).toBe('4');
      expect(loaded?.entries.size).toBe(0);
    });

    it('refuses a value JSON cannot carry, and then still holds the previous checkpoint whole', async () => {
      const p = processorName();
      await checkpoints.save(p, { position: positionFromString('1'), version: 'v', put: new Map<string, JsonValue>([['a', 1]]), remove: [] });
      const bad = new Map<string, JsonValue>([['a', 2], ['b', Number.NaN]]);
      await expect(checkpoints.save(p, { position: positionFromString('2'), version: 'v', put: bad, remove: [] })).rejects.toThrow(/b/);
      const loaded = await checkpoints.load(p);
      expect(loaded?.position).toBe('1');
      expect(entriesOf(loaded?.entries)).toEqual({ a: 1 });
    });
  });
}

import { describeProcessorCheckpointsContract, positionFromString, type JsonValue } from '@vigil/event-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { CheckpointFencedError } from './eventstoredb-processor-checkpoints';
import { describeWithEventStoreDb } from './testing/test-eventstoredb';

describeWithEventStoreDb('EventStoreDB checkpoints', (url) => {
  describeProcessorCheckpointsContract('EventStoreDB', async () => {
    const store = await EventStoreDbEventStore.open({ connectionString: url() });
    return { checkpoints: store.checkpoints, dispose: () => store.close() };
  });

  it('fences off the second of two instances that loaded the same checkpoint', async () => {
    const [a, b] = [await EventStoreDbEventStore.open({ connectionString: url() }), await EventStoreDbEventStore.open({ connectionString: url() })];
    const processor = `fenced-${process.pid}-${Date.now().toString(36)}`;
    const save = (position: string, value: number) => ({ position: positionFromString(position), version: 'v', put: new Map<string, JsonValue>([['k', value]]), remove: [] });
    try {
      await a.checkpoints.save(processor, save('1', 1));
      await a.checkpoints.load(processor);
      await b.checkpoints.load(processor);
      await b.checkpoints.save(processor, save('2', 2));
      await expect(a.checkpoints.save(processor, save('3', 3))).rejects.toBeInstanceOf(CheckpointFencedError);
      expect(await a.checkpoints.load(processor)).toMatchObject({ position: '2', entries: new Map([['k', 2]]) });
    } finally {
      await a.close();
      await b.close();
    }
  });
});

import { positionFromString, type JsonValue } from '@vigil/event-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { CheckpointFencedError } from './eventstoredb-processor-checkpoints';
import { FakeEventStoreDbServer } from './testing/fake-eventstoredb-server';

const update = (position: string, value: number) => ({ position: positionFromString(position), version: 'rules@1', put: new Map<string, JsonValue>([['session-1', value]]), remove: [] });

describe('EventStoreDB checkpoints fenced by expected revision', () => {
  it('lets only the first of two instances that loaded the same checkpoint advance it', async () => {
    const server = new FakeEventStoreDbServer();
    const [a, b] = [await EventStoreDbEventStore.openWithClient(server.client()), await EventStoreDbEventStore.openWithClient(server.client())];
    await a.checkpoints.save('alerting', update('1', 1));
    await a.checkpoints.load('alerting');
    await b.checkpoints.load('alerting');
    await b.checkpoints.save('alerting', update('2', 2));
    const stale = a.checkpoints.save('alerting', update('3', 3));
    await expect(stale).rejects.toBeInstanceOf(CheckpointFencedError);
    await expect(stale).rejects.toThrow(/processor alerting: its checkpoint was saved by another instance since revision 0/);
    // Retrying does not get round the fence: the instance must load what the other saved first.
    await expect(a.checkpoints.save('alerting', update('3', 3))).rejects.toBeInstanceOf(CheckpointFencedError);
    await expect(a.checkpoints.reset('alerting')).rejects.toBeInstanceOf(CheckpointFencedError);
    // The fenced instance wrote nothing; after loading again it may go on from what the other saved.
    expect(await a.checkpoints.load('alerting')).toMatchObject({ position: '2', entries: new Map([['session-1', 2]]) });
    await a.checkpoints.save('alerting', update('4', 4));
    await expect(b.checkpoints.save('alerting', update('5', 5))).rejects.toBeInstanceOf(CheckpointFencedError);
  });

  it('fences a reset as well, and two instances that never loaded cannot both create the checkpoint', async () => {
    const server = new FakeEventStoreDbServer();
    const [a, b] = [await EventStoreDbEventStore.openWithClient(server.client()), await EventStoreDbEventStore.openWithClient(server.client())];
    await a.checkpoints.load('routing');
    await b.checkpoints.load('routing');
    await a.checkpoints.save('routing', update('1', 1));
    await expect(b.checkpoints.save('routing', update('1', 9))).rejects.toBeInstanceOf(CheckpointFencedError);
    await b.checkpoints.load('routing');
    await b.checkpoints.reset('routing');
    await expect(a.checkpoints.reset('routing')).rejects.toBeInstanceOf(CheckpointFencedError);
    await expect(a.checkpoints.load('routing')).resolves.toBeUndefined();
  });
});

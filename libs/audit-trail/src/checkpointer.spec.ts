import { InMemoryEventStore, testEvent } from '@vigil/event-store';
import { testSigningKey as testKey } from './testing/test-signing-key';
import { checkpointSignatureProblem, signCheckpoint } from './checkpoint';
import { CHECKPOINT_STREAM, FULL_CHECKPOINT_EVERY, latestWitnessCheckpoint } from './checkpoint-log';
import { Checkpointer } from './checkpointer';
import { headsRoot } from './stream-heads';


const at = () => new Date('2026-12-02T10:00:00.000Z');

describe('Checkpointer', () => {
  const key = testKey();

  it('records nothing for an empty store, and nothing again when only its own checkpoint was appended', async () => {
    const store = new InMemoryEventStore();
    const checkpointer = new Checkpointer(store, key, at);
    expect(await checkpointer.checkpoint()).toBeUndefined();
    await store.appendToStream('session-a', [testEvent('a0'), testEvent('a1')], { expectedRevision: 'no-stream' });
    await store.appendToStream('vitals-a', [testEvent('v0')], { expectedRevision: 'no-stream' });
    const first = await checkpointer.checkpoint();
    expect(first).toMatchObject({ sequence: 0, treeSize: 2, changed: [{ stream: 'session-a', revision: 1 }, { stream: 'vitals-a', revision: 0 }] });
    expect(checkpointSignatureProblem(first!, key)).toBeUndefined();
    expect(await checkpointer.checkpoint()).toBeUndefined();
    expect(await store.streamRevision(CHECKPOINT_STREAM)).toBe(0);
  });

  it('records only the heads that moved, signs the root over all of them, and resumes after a restart', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('session-a', [testEvent('a0')], { expectedRevision: 'no-stream' });
    await store.appendToStream('vitals-a', [testEvent('v0')], { expectedRevision: 'no-stream' });
    await new Checkpointer(store, key, at).checkpoint();
    await store.appendToStream('vitals-a', [testEvent('v1')], { expectedRevision: 0 });
    // A new process: it rebuilds the heads from the checkpoint stream, not from the whole log.
    const second = await new Checkpointer(store, key, at).checkpoint();
    expect(second).toMatchObject({ sequence: 1, treeSize: 2, changed: [{ stream: 'vitals-a', revision: 1 }] });
    const witness = await latestWitnessCheckpoint(store, key.publicKeyPem);
    expect(witness!.heads.map((h) => [h.stream, h.revision])).toEqual([['session-a', 0], ['vitals-a', 1]]);
    expect(headsRoot(witness!.heads)).toBe(second!.rootHash);
  });

  it(`lists every head every ${FULL_CHECKPOINT_EVERY} checkpoints, and a restart reads on from the last such one`, async () => {
    const store = new InMemoryEventStore();
    const checkpointer = new Checkpointer(store, key, at);
    const streams = ['session-a', 'vitals-a', 'alarms-a'];
    for (let round = 0; round <= FULL_CHECKPOINT_EVERY + 1; round++) {
      const stream = streams[round % 3]!;
      await store.appendToStream(stream, [testEvent(`e${round}`)], { expectedRevision: 'any' });
      await checkpointer.checkpoint();
    }
    const [full] = await store.readStream(CHECKPOINT_STREAM, { fromRevision: FULL_CHECKPOINT_EVERY, maxCount: 1 });
    expect((full!.data.changed as unknown[]).length).toBe(3);
    const reads = jest.spyOn(store, 'readStream');
    await store.appendToStream('session-a', [testEvent('after-restart')], { expectedRevision: 'any' });
    const next = await new Checkpointer(store, key, at).checkpoint();
    expect(reads.mock.calls.filter(([stream]) => stream === CHECKPOINT_STREAM).every(([, options]) => (options?.fromRevision ?? 0) >= FULL_CHECKPOINT_EVERY)).toBe(true);
    const witness = await latestWitnessCheckpoint(store, key.publicKeyPem);
    expect(next).toMatchObject({ sequence: FULL_CHECKPOINT_EVERY + 2, treeSize: 3, rootHash: headsRoot(witness!.heads) });
    expect(witness!.heads.map((h) => h.stream)).toEqual(['alarms-a', 'session-a', 'vitals-a']);
  });

  it('a signature does not hold under another key, nor over an altered root', () => {
    const other = testKey();
    const signed = { format: 'vigil-checkpoint/1', sequence: 0, headPosition: '1', takenAt: at().toISOString(), treeSize: 0, rootHash: headsRoot([]), changedHash: 'x', keyId: key.keyId } as const;
    const signature = signCheckpoint(signed, key);
    expect(checkpointSignatureProblem({ ...signed, signature }, key)).toBeUndefined();
    expect(checkpointSignatureProblem({ ...signed, signature }, other)).toMatch(/not by this deployment's key/);
    expect(checkpointSignatureProblem({ ...signed, rootHash: '00'.repeat(32), signature }, key)).toBe('the Ed25519 signature does not match the checkpoint');
  });
});

import { InMemoryEventStore, testEvent } from '@vigil/event-store';
import { testSigningKey as testKey } from './testing/test-signing-key';
import { latestWitnessCheckpoint } from './checkpoint-log';
import { Checkpointer } from './checkpointer';
import { storeStreamNames } from './store-stream-names';
import { verifyStore } from './verify-store';


describe('verifyStore on checkpoints themselves', () => {
  const deployment = testKey();
  const forger = testKey();

  async function storeWithCheckpoint() {
    const store = new InMemoryEventStore();
    await store.appendToStream('session-a', [testEvent('a0'), testEvent('a1')], { expectedRevision: 'no-stream' });
    await new Checkpointer(store, deployment).checkpoint();
    return store;
  }

  it('names a checkpoint signed with another key (someone with the database but not the key)', async () => {
    const store = await storeWithCheckpoint();
    await store.appendToStream('session-a', [testEvent('a2')], { expectedRevision: 1 });
    await new Checkpointer(store, forger).checkpoint();
    const report = await verifyStore(store, { streams: await storeStreamNames(store), key: deployment });
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'bad-signature', stream: 'store-checkpoint', revision: 1, checkpoint: 1, reason: expect.stringContaining(forger.keyId) })]);
  });

  it('without the key it cannot call the store clean, and says why', async () => {
    const store = await storeWithCheckpoint();
    const report = await verifyStore(store, { streams: await storeStreamNames(store) });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'no-key', reason: expect.stringContaining('VIGIL_AUDIT_KEY') })]);
  });

  it('names a witness whose heads were altered after it was printed', async () => {
    const store = await storeWithCheckpoint();
    const witness = (await latestWitnessCheckpoint(store, deployment.publicKeyPem))!;
    const altered = { ...witness, heads: witness.heads.map((head) => ({ ...head, revision: head.revision + 5 })) };
    const report = await verifyStore(store, { streams: await storeStreamNames(store), key: deployment, witness: altered });
    expect(report.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'checkpoint-mismatch', witness: 0, reason: expect.stringContaining('the witness file was altered') })]),
    );
  });

  it('a store with no checkpoint verifies on its chains, with a warning that truncation cannot be seen', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('session-a', [testEvent('a0')], { expectedRevision: 'no-stream' });
    const report = await verifyStore(store, { streams: await storeStreamNames(store), key: deployment });
    expect(report).toMatchObject({ ok: true, events: 1, findings: [], warnings: [expect.stringContaining('holds no checkpoint')] });
  });
});

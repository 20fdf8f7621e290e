import { InMemoryEventStore, testEvent } from '@vigil/event-store';
import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf, type AuditSigningKey } from './audit-key';
import { checkpointSignatureProblem, signCheckpoint } from './checkpoint';
import { CHECKPOINT_STREAM, latestWitnessCheckpoint } from './checkpoint-log';
import { Checkpointer } from './checkpointer';
import { headsRoot } from './stream-heads';

function testKey(): AuditSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

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

  it('a signature does not hold under another key, nor over an altered root', () => {
    const other = testKey();
    const signed = { format: 'vigil-checkpoint/1', sequence: 0, headPosition: '1', takenAt: at().toISOString(), treeSize: 0, rootHash: headsRoot([]), changedHash: 'x', keyId: key.keyId } as const;
    const signature = signCheckpoint(signed, key);
    expect(checkpointSignatureProblem({ ...signed, signature }, key)).toBeUndefined();
    expect(checkpointSignatureProblem({ ...signed, signature }, other)).toMatch(/not by this deployment's key/);
    expect(checkpointSignatureProblem({ ...signed, rootHash: '00'.repeat(32), signature }, key)).toBe('the Ed25519 signature does not match the checkpoint');
  });
});

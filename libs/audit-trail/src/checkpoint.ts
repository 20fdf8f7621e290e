import { canonicalJson } from '@vigil/event-store';
import { createHash, sign, verify } from 'node:crypto';
import type { AuditSigningKey, AuditVerifyingKey } from './audit-key';
import type { StreamHead } from './stream-heads';

export const CHECKPOINT_FORMAT = 'vigil-checkpoint/1';
export const CHECKPOINT_RECORDED = 'CheckpointRecorded';

/**
 * What the signature covers (docs/audit.md "Checkpoints"): which checkpoint (its sequence, the
 * revision in `store-checkpoint`), the log position it covers, every stream head as one Merkle
 * root, and a digest of the heads that changed since the previous checkpoint, which the store
 * keeps beside it so that the whole tree can be rebuilt from the checkpoint stream alone.
 */
export type SignedCheckpoint = {
  format: typeof CHECKPOINT_FORMAT;
  sequence: number;
  headPosition: string;
  takenAt: string;
  treeSize: number;
  rootHash: string;
  changedHash: string;
  keyId: string;
};

/** The event data of `CheckpointRecorded`: the signed part, its signature, and the changed heads. */
export type RecordedCheckpoint = SignedCheckpoint & { signature: string; changed: StreamHead[] };

/** What an auditor keeps elsewhere (`vigil audit checkpoint`): the signed part, the key, and every head. */
export type WitnessCheckpoint = SignedCheckpoint & { signature: string; publicKey: string; heads: StreamHead[] };

export const changedHashOf = (changed: readonly StreamHead[]): string => createHash('sha256').update(canonicalJson(changed)).digest('hex');

const signedBytes = (checkpoint: SignedCheckpoint): Buffer => {
  const { format, sequence, headPosition, takenAt, treeSize, rootHash, changedHash, keyId } = checkpoint;
  return Buffer.from(canonicalJson({ changedHash, format, headPosition, keyId, rootHash, sequence, takenAt, treeSize }), 'utf8');
};

/** Ed25519 over the canonical JSON of the signed part (RFC 8032; `node:crypto` signs Ed25519 with a null digest). */
export function signCheckpoint(checkpoint: SignedCheckpoint, key: AuditSigningKey): string {
  return sign(null, signedBytes(checkpoint), key.privateKey).toString('base64');
}

/** Why the checkpoint's signature does not hold under `key`, or undefined when it does. */
export function checkpointSignatureProblem(checkpoint: SignedCheckpoint & { signature: string }, key: AuditVerifyingKey): string | undefined {
  if (checkpoint.format !== CHECKPOINT_FORMAT) return `unknown checkpoint format ${String(checkpoint.format)}`;
  if (checkpoint.keyId !== key.keyId) return `signed by key ${checkpoint.keyId}, not by this deployment's key ${key.keyId}`;
  const ok = verify(null, signedBytes(checkpoint), key.publicKey, Buffer.from(String(checkpoint.signature), 'base64'));
  return ok ? undefined : 'the Ed25519 signature does not match the checkpoint';
}

export const signedPartOf = (checkpoint: SignedCheckpoint): SignedCheckpoint => {
  const { format, sequence, headPosition, takenAt, treeSize, rootHash, changedHash, keyId } = checkpoint;
  return { format, sequence, headPosition, takenAt, treeSize, rootHash, changedHash, keyId };
};

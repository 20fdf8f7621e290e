import { canonicalJson } from '@vigil/event-store';
import { inclusionPath, leafHash, merkleRootOfLeafHashes, verifyInclusion } from './merkle-tree';

/** One stream's last event as a checkpoint saw it: a leaf of the checkpoint's Merkle tree. */
export type StreamHead = { stream: string; revision: number; hash: string };

/** The leaf's bytes: the canonical JSON of the head (docs/audit.md "The tree"). */
const leafOf = (head: StreamHead): Buffer => leafHash(Buffer.from(canonicalJson({ hash: head.hash, revision: head.revision, stream: head.stream }), 'utf8'));

/** Heads in leaf order: by stream name, compared by code unit so every engine and locale agrees. */
export function sortedHeads(heads: Iterable<StreamHead>): StreamHead[] {
  return [...heads].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
}

/** The Merkle root (hex) over heads already in leaf order. */
export function headsRoot(sorted: readonly StreamHead[]): string {
  return merkleRootOfLeafHashes(sorted.map(leafOf)).toString('hex');
}

export type InclusionProof = { stream: string; revision: number; hash: string; leafIndex: number; treeSize: number; path: string[] };

/** The proof that one stream's head is in the tree of `sorted`, or undefined when the stream is not. */
export function headInclusionProof(sorted: readonly StreamHead[], stream: string): InclusionProof | undefined {
  const index = sorted.findIndex((head) => head.stream === stream);
  if (index < 0) return undefined;
  const head = sorted[index]!;
  const path = inclusionPath(index, sorted.map(leafOf)).map((node) => node.toString('hex'));
  return { ...head, leafIndex: index, treeSize: sorted.length, path };
}

/** True when the proof ties its head to `rootHash`; an auditor needs nothing but the witness's root. */
export function verifyHeadInclusion(proof: InclusionProof, rootHash: string): boolean {
  const path = proof.path.map((node) => Buffer.from(node, 'hex'));
  return verifyInclusion(leafOf(proof), proof.leafIndex, proof.treeSize, path, Buffer.from(rootHash, 'hex'));
}

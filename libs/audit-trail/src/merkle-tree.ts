import { createHash } from 'node:crypto';

/*
 * The Merkle tree of RFC 6962 ("Certificate Transparency", §2.1; unchanged in RFC 9162 §2.1):
 * https://www.rfc-editor.org/rfc/rfc6962#section-2.1. Leaves and inner nodes are hashed with
 * different one-byte prefixes (0x00, 0x01), so no inner node can pass for a leaf (second-preimage
 * attack); a tree of n leaves splits at the largest power of two below n. Written here rather than
 * taken from a package: the npm Merkle libraries found (merkletreejs, @0xcert/merkle, …) hash
 * leaves and nodes alike or pad the tree, which is not this construction, and the whole of it is
 * the forty lines below, checked against the RFC's own definitions in the spec beside this file.
 */

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const leafHash = (leaf: Buffer): Buffer => sha256(LEAF_PREFIX, leaf);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE_PREFIX, left, right);

/** The largest power of two smaller than n (n > 1). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) of RFC 6962 §2.1, from the leaves' hashes. The empty tree hashes as SHA-256 of nothing. */
export function merkleRootOfLeafHashes(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return nodeHash(merkleRootOfLeafHashes(leaves.slice(0, k)), merkleRootOfLeafHashes(leaves.slice(k)));
}

/** PATH(m, D[n]) of RFC 6962 §2.1.1: the sibling hashes from leaf m up to the root. */
export function inclusionPath(index: number, leaves: readonly Buffer[]): Buffer[] {
  if (index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  if (leaves.length === 1) return [];
  const k = splitPoint(leaves.length);
  return index < k
    ? [...inclusionPath(index, leaves.slice(0, k)), merkleRootOfLeafHashes(leaves.slice(k))]
    : [...inclusionPath(index - k, leaves.slice(k)), merkleRootOfLeafHashes(leaves.slice(0, k))];
}

/**
 * Checks an inclusion proof as RFC 9162 §2.1.3.2 does (https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2):
 * true when the leaf hash at `index` in a tree of `treeSize` leaves and the path give `root`.
 */
export function verifyInclusion(leaf: Buffer, index: number, treeSize: number, path: readonly Buffer[], root: Buffer): boolean {
  if (index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

import { createHash } from 'node:crypto';
import { inclusionPath, leafHash, merkleRootOfLeafHashes, nodeHash, verifyInclusion } from './merkle-tree';

const sha = (hex: string) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest();
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf-${i}`)));

describe('RFC 6962 Merkle tree', () => {
  it('hashes the empty tree as SHA-256 of nothing and one leaf with the 0x00 prefix', () => {
    expect(merkleRootOfLeafHashes([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(sha('00').toString('hex'));
    expect(merkleRootOfLeafHashes(leaves(1))).toEqual(leaves(1)[0]);
  });

  it('splits five leaves at four, as MTH(D[n]) defines', () => {
    const [a, b, c, d, e] = leaves(5) as [Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(merkleRootOfLeafHashes([a, b, c, d, e])).toEqual(nodeHash(nodeHash(nodeHash(a, b), nodeHash(c, d)), e));
  });

  it.each([1, 2, 3, 4, 5, 7, 8, 13, 64, 100])('proves every leaf of a tree of %i, and no other leaf or index', (n) => {
    const tree = leaves(n);
    const root = merkleRootOfLeafHashes(tree);
    for (let i = 0; i < n; i++) {
      const path = inclusionPath(i, tree);
      expect(verifyInclusion(tree[i]!, i, n, path, root)).toBe(true);
      expect(verifyInclusion(leafHash(Buffer.from('forged')), i, n, path, root)).toBe(false);
      if (n > 1) expect(verifyInclusion(tree[i]!, (i + 1) % n, n, path, root)).toBe(false);
    }
  });
});

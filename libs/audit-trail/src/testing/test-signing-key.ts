import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf, type AuditSigningKey } from '../audit-key';

/** A fresh Ed25519 key in memory, for specs that need no key file. */
export function testSigningKey(): AuditSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

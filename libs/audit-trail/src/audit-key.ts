import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';

/** The variable naming the deployment's Ed25519 checkpoint key (docs/audit.md "The key"). */
export const AUDIT_KEY_VARIABLE = 'VIGIL_AUDIT_KEY';

/**
 * Where the key is: VIGIL_AUDIT_KEY, or ~/.config/vigil/audit-key.pem. Never inside the data
 * directory: whoever can replace the store's file must not also find the key that signs for it.
 */
export function auditKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[AUDIT_KEY_VARIABLE]?.trim();
  if (configured) return resolve(configured);
  return join(env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config'), 'vigil', 'audit-key.pem');
}

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

export type AuditSigningKey = { privateKey: KeyObject; publicKey: KeyObject; keyId: string; publicKeyPem: string };
export type AuditVerifyingKey = { publicKey: KeyObject; keyId: string; publicKeyPem: string };

/** The key's id: SHA-256 (hex) of its public key in SubjectPublicKeyInfo DER, as CT names log keys (RFC 6962 §3.2). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

function verifyingKeyOf(publicKey: KeyObject): AuditVerifyingKey {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`the audit key must be Ed25519, found ${publicKey.asymmetricKeyType ?? 'unknown'}`);
  return { publicKey, keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

function isInside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The signing key at `path`, created (PKCS#8 PEM, mode 0600) when missing. Created beside under a
 * temporary name and linked into place, so two processes starting together end with one key and
 * neither reads a half-written file.
 */
export function loadOrCreateSigningKey(path: string, dataDir?: string): AuditSigningKey {
  if (dataDir !== undefined && isInside(dataDir, path)) {
    throw new AuditKeyError(`${AUDIT_KEY_VARIABLE} (${path}) is inside the data directory ${resolve(dataDir)}; keep the audit key elsewhere (docs/audit.md "The key")`);
  }
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(path));
  } catch (error) {
    throw new AuditKeyError(`cannot read the audit key at ${path}: ${(error as Error).message}`);
  }
  return { privateKey, ...verifyingKeyOf(createPublicKey(privateKey)) };
}

/** A key to check signatures with, from a PEM file holding either the private or the public key. */
export function loadVerifyingKey(path: string): AuditVerifyingKey {
  if (!existsSync(path)) throw new AuditKeyError(`no audit key at ${path} (set ${AUDIT_KEY_VARIABLE} or pass --key <public key PEM>)`);
  const pem = readFileSync(path);
  try {
    return verifyingKeyOf(createPublicKey(pem));
  } catch (error) {
    throw new AuditKeyError(`cannot read the audit key at ${path}: ${(error as Error).message}`);
  }
}

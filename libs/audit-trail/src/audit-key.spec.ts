import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditKeyError, auditKeyPath, loadOrCreateSigningKey, loadVerifyingKey } from './audit-key';

describe('the audit key', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigil-key-spec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created on first use, readable by its owner only, and the same key afterwards', () => {
    const file = join(dir, 'keys', 'audit-key.pem');
    const created = loadOrCreateSigningKey(file, join(dir, 'data'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigningKey(file).keyId).toBe(created.keyId);
    expect(loadVerifyingKey(file).keyId).toBe(created.keyId);
    expect(created.publicKey.asymmetricKeyType).toBe('ed25519');
  });

  it('is refused inside the data directory, naming the variable', () => {
    expect(() => loadOrCreateSigningKey(join(dir, 'data', 'audit-key.pem'), join(dir, 'data'))).toThrow(AuditKeyError);
    expect(() => loadOrCreateSigningKey(join(dir, 'data', 'audit-key.pem'), join(dir, 'data'))).toThrow(/VIGIL_AUDIT_KEY .* is inside the data directory/);
  });

  it('comes from VIGIL_AUDIT_KEY, else from the user configuration folder', () => {
    expect(auditKeyPath({ VIGIL_AUDIT_KEY: '/secure/vigil.pem' })).toBe('/secure/vigil.pem');
    expect(auditKeyPath({ XDG_CONFIG_HOME: '/home/x/.cfg' })).toBe('/home/x/.cfg/vigil/audit-key.pem');
  });

  it('a missing key file is an error naming the path', () => {
    expect(() => loadVerifyingKey(join(dir, 'none.pem'))).toThrow(/no audit key at .*none\.pem/);
  });
});

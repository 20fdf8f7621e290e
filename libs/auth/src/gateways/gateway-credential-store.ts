import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { idProblem } from '@vigil/domain';
import { accountsFileIn } from '../store/account-store';
import { ensureAuthAuditTable, recordAuthAudit } from '../store/auth-audit-log';

export type GatewayCredentialInfo = { gatewayId: string; tokenPrefix: string; createdAt: string; revokedAt: string | null };

export class GatewayIdError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'GatewayIdError';
  }
}

export class NoGatewayCredentialError extends Error {
  constructor(readonly gatewayId: string) {
    super(`no active credential for gateway ${gatewayId}`);
    this.name = 'NoGatewayCredentialError';
  }
}

export const gatewayTokenSha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Gateway credentials managed at run time (issue 12, item 4), in the same accounts file as the
 * staff: a random token shown once, stored as its SHA-256 (a leaked file leaks no usable token),
 * bound to one gateway id. Ingest looks the hash up on every request, so a revocation made by the
 * CLI or over HTTP applies to the gateway's next request without a restart (docs/security.md).
 */
export class GatewayCredentialStore {
  private readonly lookup: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    /** Who acts through this connection, for the audit (`app`, `cli:<os user>`); HTTP passes the admin. */
    private readonly actor: string,
  ) {
    this.lookup = db.prepare('SELECT gateway_id FROM gateway_credentials WHERE token_sha256 = ? AND revoked_at IS NULL');
  }

  static openIn(dataDir: string, actor = 'app'): GatewayCredentialStore {
    const file = accountsFileIn(dataDir);
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS gateway_credentials (
      token_sha256 TEXT PRIMARY KEY, gateway_id TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);
      CREATE INDEX IF NOT EXISTS gateway_credentials_by_gateway ON gateway_credentials(gateway_id);`);
    ensureAuthAuditTable(db);
    return new GatewayCredentialStore(db, actor);
  }

  close(): void {
    this.db.close();
  }

  /** A new token for the gateway (a gateway may hold several while a replacement rolls out). */
  add(gatewayId: string, now: Date, actor = this.actor): { gatewayId: string; token: string } {
    const problem = idProblem('gatewayId', gatewayId);
    if (problem !== undefined) throw new GatewayIdError(problem);
    // 192 random bits, URL-safe: what `openssl rand -base64 24` gives, without the `+/`.
    const token = randomBytes(24).toString('base64url');
    const tokenSha256 = gatewayTokenSha256(token);
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO gateway_credentials (token_sha256, gateway_id, created_at) VALUES (?, ?, ?)').run(tokenSha256, gatewayId, now.toISOString());
      recordAuthAudit(this.db, { at: now.toISOString(), action: 'gateway-credential-added', actor, subject: gatewayId, detail: { tokenPrefix: tokenSha256.slice(0, 8) } });
    })();
    return { gatewayId, token };
  }

  gatewayOfTokenHash(tokenSha256: string): string | undefined {
    return (this.lookup.get(tokenSha256) as { gateway_id: string } | undefined)?.gateway_id;
  }

  list(): GatewayCredentialInfo[] {
    const rows = this.db.prepare('SELECT * FROM gateway_credentials ORDER BY gateway_id, created_at').all() as { token_sha256: string; gateway_id: string; created_at: string; revoked_at: string | null }[];
    // Eight hex digits of the hash tell two credentials apart without helping anyone guess a token.
    return rows.map((row) => ({ gatewayId: row.gateway_id, tokenPrefix: row.token_sha256.slice(0, 8), createdAt: row.created_at, revokedAt: row.revoked_at }));
  }

  /** Revokes every active token of the gateway; answers how many. */
  revoke(gatewayId: string, now: Date, actor = this.actor): number {
    return this.db.transaction(() => {
      const changes = this.db.prepare('UPDATE gateway_credentials SET revoked_at = ? WHERE gateway_id = ? AND revoked_at IS NULL').run(now.toISOString(), gatewayId).changes;
      if (changes === 0) throw new NoGatewayCredentialError(gatewayId);
      recordAuthAudit(this.db, { at: now.toISOString(), action: 'gateway-credential-revoked', actor, subject: gatewayId, detail: { revoked: changes } });
      return changes;
    })();
  }
}

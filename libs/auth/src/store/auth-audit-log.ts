import type Database from 'better-sqlite3';

/**
 * Who did what to access (issue 12, item 6; docs/security.md "Audit"): sign-ins, failed sign-ins,
 * sign-outs, account and role changes, PINs, gateway credentials. Appended to `auth_audit` in the
 * accounts file by whichever process acts (the app or the CLI), never updated, and listed by
 * `vigil accounts audit`. Never a password, PIN or token: only names, roles and gateway ids.
 */
export type AuthAuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'account-added'
  | 'roles-set'
  | 'password-reset'
  | 'pin-set'
  | 'account-disabled'
  | 'gateway-credential-added'
  | 'gateway-credential-revoked';

export type AuthAuditEntry = { at: string; action: AuthAuditAction; actor: string; subject: string; detail?: Record<string, unknown> };

export function ensureAuthAuditTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS auth_audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT);
    CREATE TRIGGER IF NOT EXISTS auth_audit_no_update BEFORE UPDATE ON auth_audit BEGIN SELECT RAISE(ABORT, 'auth_audit is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS auth_audit_no_delete BEFORE DELETE ON auth_audit BEGIN SELECT RAISE(ABORT, 'auth_audit is append-only'); END;`);
}

export function recordAuthAudit(db: Database.Database, entry: AuthAuditEntry): void {
  db.prepare('INSERT INTO auth_audit (at, action, actor, subject, detail) VALUES (?, ?, ?, ?, ?)').run(entry.at, entry.action, entry.actor, entry.subject, entry.detail ? JSON.stringify(entry.detail) : null);
}

export function readAuthAudit(db: Database.Database): AuthAuditEntry[] {
  const rows = db.prepare('SELECT at, action, actor, subject, detail FROM auth_audit ORDER BY seq').all() as { at: string; action: AuthAuditAction; actor: string; subject: string; detail: string | null }[];
  return rows.map((row) => ({ at: row.at, action: row.action, actor: row.actor, subject: row.subject, ...(row.detail ? { detail: JSON.parse(row.detail) as Record<string, unknown> } : {}) }));
}

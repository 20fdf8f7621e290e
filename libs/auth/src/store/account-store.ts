import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Role } from '../roles';
import { ensureAuthAuditTable, readAuthAudit, recordAuthAudit, type AuthAuditAction, type AuthAuditEntry } from './auth-audit-log';

export type Account = { username: string; roles: Role[]; disabled: boolean; createdAt: string; updatedAt: string };
export type StoredAccount = Account & { passwordHash: string };
export type StaffSession = { username: string; roles: Role[]; expiresAt: string };

export class AccountNotFoundError extends Error {
  constructor(readonly username: string) {
    super(`no account named ${username}`);
    this.name = 'AccountNotFoundError';
  }
}

export class AccountExistsError extends Error {
  constructor(readonly username: string) {
    super(`an account named ${username} already exists`);
    this.name = 'AccountExistsError';
  }
}

export const ACCOUNTS_FILE = 'accounts.sqlite';
export const accountsFileIn = (dataDir: string) => join(dataDir, ACCOUNTS_FILE);

type AccountRow = { username: string; password_hash: string; roles: string; disabled: number; created_at: string; updated_at: string };

/**
 * Staff accounts and their signed-in sessions, in `accounts.sqlite` of the data directory, beside
 * (never inside) the event store: the app and `vigil accounts` open it at the same time, so it runs
 * in WAL mode with a busy timeout, and every check reads the row afresh: a role change, a disabled
 * account or a deleted session takes effect on the next request without a restart.
 * Sessions are kept by the SHA-256 of their token, so the file holds no usable credential.
 */
export class AccountStore {
  private constructor(
    private readonly db: Database.Database,
    /** Who acts through this connection, for the audit: `app`, or `cli:<os user>`; sign-ins name the account. */
    private readonly actor: string,
  ) {}

  static open(file: string, actor = 'app'): AccountStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS accounts (
        username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, roles TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS staff_sessions (
        token_sha256 TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES accounts(username),
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS staff_sessions_by_username ON staff_sessions(username);
      CREATE TABLE IF NOT EXISTS facts (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    // The personal PIN for acknowledging on a shared display (issue 12, item 3), added after the first release of this file.
    const columns = db.prepare('PRAGMA table_info(accounts)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'pin_hash')) db.exec('ALTER TABLE accounts ADD COLUMN pin_hash TEXT');
    ensureAuthAuditTable(db);
    return new AccountStore(db, actor);
  }

  static openIn(dataDir: string, actor = 'app'): AccountStore {
    return AccountStore.open(accountsFileIn(dataDir), actor);
  }

  close(): void {
    this.db.close();
  }

  add(username: string, passwordHash: string, roles: Role[], now: Date): Account {
    const at = now.toISOString();
    try {
      this.db.transaction(() => {
        this.db.prepare('INSERT INTO accounts (username, password_hash, roles, disabled, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)').run(username, passwordHash, roles.join(','), at, at);
        this.audit('account-added', username, now, { roles });
      })();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new AccountExistsError(username);
      throw error;
    }
    return this.require(username);
  }

  find(username: string): StoredAccount | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as AccountRow | undefined;
    return row && { ...accountOf(row), passwordHash: row.password_hash };
  }

  list(): Account[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY username').all() as AccountRow[]).map(accountOf);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  }

  setRoles(username: string, roles: Role[], now: Date): Account {
    this.db.transaction(() => {
      this.update('UPDATE accounts SET roles = ?, updated_at = ? WHERE username = ?', roles.join(','), now.toISOString(), username);
      this.audit('roles-set', username, now, { roles });
    })();
    return this.require(username);
  }

  /** A new password ends every session of the account: whoever knew the old one is signed out. */
  setPassword(username: string, passwordHash: string, now: Date): Account {
    this.db.transaction(() => {
      this.update('UPDATE accounts SET password_hash = ?, updated_at = ? WHERE username = ?', passwordHash, now.toISOString(), username);
      this.db.prepare('DELETE FROM staff_sessions WHERE username = ?').run(username);
      this.audit('password-reset', username, now);
    })();
    return this.require(username);
  }

  disable(username: string, now: Date): Account {
    this.db.transaction(() => {
      this.update('UPDATE accounts SET disabled = 1, updated_at = ? WHERE username = ?', now.toISOString(), username);
      this.db.prepare('DELETE FROM staff_sessions WHERE username = ?').run(username);
      this.audit('account-disabled', username, now);
    })();
    return this.require(username);
  }

  setPinHash(username: string, pinHash: string, now: Date): Account {
    this.db.transaction(() => {
      this.update('UPDATE accounts SET pin_hash = ?, updated_at = ? WHERE username = ?', pinHash, now.toISOString(), username);
      this.audit('pin-set', username, now);
    })();
    return this.require(username);
  }

  /** The account's PIN hash and roles, for an acknowledgement on a display; undefined when disabled or without a PIN. */
  pinOf(username: string): { pinHash: string; roles: Role[] } | undefined {
    const row = this.db.prepare('SELECT pin_hash, roles, disabled FROM accounts WHERE username = ?').get(username) as { pin_hash: string | null; roles: string; disabled: number } | undefined;
    if (!row || row.disabled || !row.pin_hash) return undefined;
    return { pinHash: row.pin_hash, roles: rolesOf(row.roles) };
  }

  createSession(tokenSha256: string, username: string, now: Date, expiresAt: Date): void {
    this.db.prepare('INSERT INTO staff_sessions (token_sha256, username, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenSha256, username, now.toISOString(), expiresAt.toISOString());
  }

  /**
   * The live session of this token hash, with the account's current roles; its expiry slides to
   * `slideTo`. Expired sessions, disabled accounts and accounts without roles answer undefined.
   */
  touchSession(tokenSha256: string, now: Date, slideTo: Date): StaffSession | undefined {
    const row = this.db
      .prepare('SELECT s.expires_at, a.username, a.roles, a.disabled FROM staff_sessions s JOIN accounts a ON a.username = s.username WHERE s.token_sha256 = ?')
      .get(tokenSha256) as { expires_at: string; username: string; roles: string; disabled: number } | undefined;
    if (!row || row.disabled || Date.parse(row.expires_at) <= now.getTime()) return undefined;
    const expiresAt = slideTo.toISOString();
    // Written only when it moves by a minute or more: a wall of requests is not a wall of writes.
    if (slideTo.getTime() - Date.parse(row.expires_at) >= 60_000) this.db.prepare('UPDATE staff_sessions SET expires_at = ? WHERE token_sha256 = ?').run(expiresAt, tokenSha256);
    return { username: row.username, roles: rolesOf(row.roles), expiresAt: slideTo.getTime() - Date.parse(row.expires_at) >= 60_000 ? expiresAt : row.expires_at };
  }

  endSession(tokenSha256: string, now: Date): boolean {
    const row = this.db.prepare('DELETE FROM staff_sessions WHERE token_sha256 = ? RETURNING username').get(tokenSha256) as { username: string } | undefined;
    if (row) this.recordAccess('sign-out', row.username, now);
    return row !== undefined;
  }

  /** Records what an account did to its own access (sign-in, failed sign-in, sign-out): the actor is that name. */
  recordAccess(action: 'sign-in' | 'sign-in-failed' | 'sign-out', username: string, now: Date): void {
    recordAuthAudit(this.db, { at: now.toISOString(), action, actor: username, subject: username });
  }

  auditLog(): AuthAuditEntry[] {
    return readAuthAudit(this.db);
  }

  private audit(action: AuthAuditAction, subject: string, now: Date, detail?: Record<string, unknown>): void {
    recordAuthAudit(this.db, { at: now.toISOString(), action, actor: this.actor, subject, ...(detail ? { detail } : {}) });
  }

  fact(name: string): string | undefined {
    return (this.db.prepare('SELECT value FROM facts WHERE name = ?').get(name) as { value: string } | undefined)?.value;
  }

  setFact(name: string, value: string): void {
    this.db.prepare('INSERT INTO facts (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(name, value);
  }

  private update(sql: string, ...values: unknown[]): void {
    const username = values[values.length - 1] as string;
    if (this.db.prepare(sql).run(...values).changes === 0) throw new AccountNotFoundError(username);
  }

  private require(username: string): Account {
    const account = this.find(username);
    if (!account) throw new AccountNotFoundError(username);
    const { passwordHash: _hash, ...rest } = account;
    return rest;
  }
}

function rolesOf(text: string): Role[] {
  return text === '' ? [] : (text.split(',') as Role[]);
}

function accountOf(row: AccountRow): Account {
  return { username: row.username, roles: rolesOf(row.roles), disabled: row.disabled === 1, createdAt: row.created_at, updatedAt: row.updated_at };
}

/**
 * Who may do what (docs/security.md, "Roles"). Pure data: the HTTP guard, the socket handshake and
 * the CLI all read this one table, so a role means the same thing at every door.
 */
export const ROLES = ['monitor', 'clinician', 'auditor', 'admin', 'display'] as const;
export type Role = (typeof ROLES)[number];

/** Each thing a route or a socket message can do; every route names exactly one (or is public). */
export const PERMISSIONS = [
  'watch', // the live wall: socket.io, discharge policy
  'read-record', // a session's state and its events
  'acknowledge',
  'acknowledge-with-pin', // a shared display: the acknowledgement needs a person's PIN (display-pin.ts)
  'record-intervention',
  'start-session',
  'end-session',
  'bind-device',
  'record-dose',
  'verify', // hash-chain checks, signed checkpoints
  'read-access-records', // who replayed, exported, verified or re-evaluated the record (docs/audit.md)
  'export', // reports (PDF, day overview)
  'audit', // an auditor's replay, re-evaluation and export of a whole record (issue 13)
  'manage-accounts',
  'manage-gateways',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MONITOR: readonly Permission[] = ['watch', 'read-record', 'acknowledge', 'record-intervention'];

export const PERMISSIONS_BY_ROLE: Readonly<Record<Role, readonly Permission[]>> = {
  monitor: MONITOR,
  // The issue: a clinician may "also" start and end sessions, bind devices and record doses.
  clinician: [...MONITOR, 'start-session', 'end-session', 'bind-device', 'record-dose', 'verify', 'export'],
  // Read-only record, verification and exports; no live control (no acknowledging, no commands).
  auditor: ['read-record', 'verify', 'export', 'read-access-records', 'audit'],
  // Accounts only: no clinical action unless the account also holds a clinical role.
  admin: ['manage-accounts', 'manage-gateways'],
  // A shared wall screen: it watches; it acknowledges only with a person's PIN, recorded as that person.
  display: ['watch', 'acknowledge-with-pin'],
};

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => PERMISSIONS_BY_ROLE[role].includes(permission));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** `clinician,monitor` → roles, or the reason it is not a role list (unknown names are named). */
export function parseRoles(text: string): { ok: true; roles: Role[] } | { ok: false; reason: string } {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) return { ok: false, reason: `roles must name at least one of ${ROLES.join(', ')}` };
  const unknown = names.filter((name) => !isRole(name));
  if (unknown.length > 0) return { ok: false, reason: `unknown role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${ROLES.join(', ')})` };
  return { ok: true, roles: [...new Set(names as Role[])] };
}

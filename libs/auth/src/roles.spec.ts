import { parseRoles, PERMISSIONS, rolesAllow, ROLES, type Permission, type Role } from './roles';

// The role table of issue 12, spelled out once more by hand: a change to roles.ts must change this too.
const EXPECTED: Record<Role, Permission[]> = {
  monitor: ['watch', 'read-record', 'acknowledge', 'record-intervention'],
  clinician: ['watch', 'read-record', 'acknowledge', 'record-intervention', 'start-session', 'end-session', 'bind-device', 'record-dose', 'verify', 'export'],
  auditor: ['read-record', 'verify', 'export', 'read-access-records', 'audit'],
  admin: ['manage-accounts', 'manage-gateways'],
  display: ['watch', 'acknowledge-with-pin'],
};

describe('roles', () => {
  it.each(ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const)))('%s may %s only as the issue says', (role, permission) => {
    expect(rolesAllow([role], permission)).toBe(EXPECTED[role].includes(permission));
  });

  it('gives an account the union of its roles', () => {
    expect(rolesAllow(['admin', 'monitor'], 'acknowledge')).toBe(true);
    expect(rolesAllow(['admin', 'monitor'], 'manage-accounts')).toBe(true);
    expect(rolesAllow([], 'watch')).toBe(false);
  });

  it('parses a role list, dropping repeats and spaces', () => {
    expect(parseRoles('clinician, monitor,clinician')).toEqual({ ok: true, roles: ['clinician', 'monitor'] });
  });

  it.each([
    ['', 'roles must name at least one of monitor, clinician, auditor, admin, display'],
    ['nurse', 'unknown role nurse (known: monitor, clinician, auditor, admin, display)'],
    ['monitor,root,god', 'unknown roles root, god (known: monitor, clinician, auditor, admin, display)'],
  ])('refuses %j naming why', (text, reason) => {
    expect(parseRoles(text)).toEqual({ ok: false, reason });
  });
});

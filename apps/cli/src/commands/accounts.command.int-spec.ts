import { AccountStore, authenticate, GatewayCredentialStore, signIn, signOut } from '@vigil/auth';
import { userInfo } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVigil } from '../testing/run-vigil';

const vigil = runVigil;

describe('vigil accounts', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigil-cli-accounts-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds an account with a generated password printed once, lists it, and the password signs in', async () => {
    const added = await vigil('accounts', 'add', 'kim', '--roles', 'monitor,clinician', '--data-dir', dir);
    expect(added.code).toBe(0);
    const password = /password for kim \(shown only this once\): (\S+)/.exec(added.out)?.[1];
    expect(password).toBeDefined();
    const listed = await vigil('accounts', 'list', '--data-dir', dir);
    expect(listed.out).toContain('"username":"kim","roles":["monitor","clinician"],"disabled":false');
    expect(listed.out).not.toContain(password!);
    const store = AccountStore.openIn(dir);
    expect(await signIn(store, 'kim', password!, new Date())).toMatchObject({ roles: ['monitor', 'clinician'] });
    store.close();
  });

  it('reads the password from --password-file, never from the command line', async () => {
    const file = join(dir, 'pw');
    writeFileSync(file, 'a long enough password\n');
    const added = await vigil('accounts', 'add', 'lee', '--roles', 'auditor', '--password-file', file, '--data-dir', dir);
    expect(added.out).not.toMatch(/password for/);
    const store = AccountStore.openIn(dir);
    expect(await signIn(store, 'lee', 'a long enough password', new Date())).toBeDefined();
    store.close();
  });

  it('sets roles, resets the password and disables, each ending the sessions it must, while another connection (the app) holds the file', async () => {
    await vigil('accounts', 'add', 'kim', '--roles', 'monitor', '--data-dir', dir);
    const app = AccountStore.openIn(dir);
    const file = join(dir, 'pw');
    writeFileSync(file, 'first password ok\n');
    await vigil('accounts', 'reset-password', 'kim', '--password-file', file, '--data-dir', dir);
    const { token } = (await signIn(app, 'kim', 'first password ok', new Date()))!;
    expect((await vigil('accounts', 'set-roles', 'kim', 'clinician', '--data-dir', dir)).code).toBe(0);
    expect(authenticate(app, token, new Date())?.roles).toEqual(['clinician']);
    const reset = await vigil('accounts', 'reset-password', 'kim', '--data-dir', dir);
    expect(reset.out).toMatch(/new password for kim \(shown only this once\): \S{24}/);
    expect(authenticate(app, token, new Date())).toBeUndefined();
    const second = (await signIn(app, 'kim', /: (\S+)\n$/.exec(reset.out)![1]!, new Date()))!.token;
    expect((await vigil('accounts', 'disable', 'kim', '--data-dir', dir)).out).toContain('"disabled":true');
    expect(authenticate(app, second, new Date())).toBeUndefined();
    app.close();
  });

  it('sets a PIN, generated and printed once, or from --pin-file, refusing one that is not 4-12 digits', async () => {
    await vigil('accounts', 'add', 'kim', '--roles', 'monitor', '--data-dir', dir);
    const generated = await vigil('accounts', 'set-pin', 'kim', '--data-dir', dir);
    expect(generated.out).toMatch(/PIN for kim \(shown only this once\): \d{6}\n$/);
    const file = join(dir, 'pin');
    writeFileSync(file, '12\n');
    expect(await vigil('accounts', 'set-pin', 'kim', '--pin-file', file, '--data-dir', dir)).toMatchObject({ code: 1, err: 'vigil: pin: pin must be 4 to 12 digits\n' });
  });

  it('lists who did what to access, in order, with no password or token in it (vigil accounts audit)', async () => {
    const file = join(dir, 'pw');
    writeFileSync(file, 'kim password long\n');
    await vigil('accounts', 'add', 'kim', '--roles', 'monitor', '--password-file', file, '--data-dir', dir);
    const app = AccountStore.openIn(dir);
    await signIn(app, 'kim', 'wrong password!', new Date());
    const { token } = (await signIn(app, 'kim', 'kim password long', new Date()))!;
    signOut(app, token, new Date());
    app.close();
    await vigil('accounts', 'set-roles', 'kim', 'clinician', '--data-dir', dir);
    await vigil('accounts', 'disable', 'kim', '--data-dir', dir);
    const gateways = GatewayCredentialStore.openIn(dir);
    const gateway = gateways.add('gw-1', new Date(), 'admin');
    gateways.revoke('gw-1', new Date(), 'admin');
    gateways.close();
    const audit = await vigil('accounts', 'audit', '--data-dir', dir);
    const cli = `cli:${userInfo().username}`;
    const entries = audit.out.trim().split('\n').map((line) => JSON.parse(line) as { action: string; actor: string; subject: string; at: string });
    expect(entries.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['account-added', cli, 'kim'],
      ['sign-in-failed', 'kim', 'kim'],
      ['sign-in', 'kim', 'kim'],
      ['sign-out', 'kim', 'kim'],
      ['roles-set', cli, 'kim'],
      ['account-disabled', cli, 'kim'],
      ['gateway-credential-added', 'admin', 'gw-1'],
      ['gateway-credential-revoked', 'admin', 'gw-1'],
    ]);
    for (const secret of ['kim password long', 'wrong password!', token, gateway.token]) expect(audit.out).not.toContain(secret);
  });

  it.each([
    [['accounts', 'add', 'Kim', '--roles', 'monitor'], 'vigil: username: username must be 1-64 lower-case letters'],
    [['accounts', 'add', 'kim', '--roles', 'nurse'], 'vigil: roles: unknown role nurse (known: monitor, clinician, auditor, admin, display)'],
    [['accounts', 'set-roles', 'nobody', 'monitor'], 'vigil: no account named nobody'],
    [['accounts', 'disable', 'nobody'], 'vigil: no account named nobody'],
  ])('exits 1 naming the problem: %j', async (args, message) => {
    const result = await vigil(...args, '--data-dir', dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain(message);
  });
});

import type { Command } from 'commander';
import { AccountStore, addAccount, resetAccountPassword, setAccountPin, setAccountRoles, type Account } from '@vigil/auth';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cliActor } from './cli-actor';

type DataDirOption = { dataDir: string };
type PasswordOptions = DataDirOption & { passwordFile?: string };
type Output = { out: (line: string) => void };

/**
 * `vigil accounts add|list|set-roles|reset-password|disable`: staff accounts from the server's
 * machine, also while the app runs (both open accounts.sqlite in WAL mode; the app reads every
 * session afresh, so a disabled account is refused on its next request). A generated password is
 * printed once and stored only as its argon2id hash (docs/security.md).
 */
export function registerAccountsCommand(program: Command): void {
  const accounts = program.command('accounts').description('Manage staff accounts (usernames, roles, passwords) in the data directory');
  const dataDir = (command: Command) => command.option('--data-dir <dir>', 'data directory holding accounts.sqlite', process.env.VIGIL_DATA_DIR ?? './data');
  const io: Output = { out: (line) => process.stdout.write(line) };

  dataDir(accounts.command('add <username>'))
    .description('Add an account; prints a generated password once unless --password-file is given')
    .requiredOption('--roles <roles>', 'comma-separated: monitor, clinician, auditor, admin, display')
    .option('--password-file <path>', 'read the password from the first line of this file')
    .action((username: string, options: PasswordOptions & { roles: string }) => accountsAdd(username, options, io));

  dataDir(accounts.command('list'))
    .description('List accounts: username, roles, disabled, created and updated times (one JSON line each)')
    .action((options: DataDirOption) => accountsList(options, io));

  dataDir(accounts.command('set-roles <username> <roles>'))
    .description("Replace an account's roles (comma-separated); takes effect on its next request")
    .action((username: string, roles: string, options: DataDirOption) => withStore(options, (store) => io.out(`${describe(setAccountRoles(store, username, roles, new Date()))}\n`)));

  dataDir(accounts.command('reset-password <username>'))
    .description('Set a new password (generated and printed once unless --password-file is given); ends the account\'s sessions')
    .option('--password-file <path>', 'read the password from the first line of this file')
    .action((username: string, options: PasswordOptions) => accountsResetPassword(username, options, io));

  dataDir(accounts.command('set-pin <username>'))
    .description('Set the personal PIN (4-12 digits) for acknowledging on a shared display; a generated 6-digit PIN is printed once unless --pin-file is given')
    .option('--pin-file <path>', 'read the PIN from the first line of this file')
    .action((username: string, options: DataDirOption & { pinFile?: string }) =>
      withStore(options, async (store) => {
        const pin = options.pinFile === undefined ? undefined : firstLineOf(options.pinFile);
        const { account, generatedPin } = await setAccountPin(store, username, pin, new Date());
        io.out(`${describe(account)}\n`);
        if (generatedPin) io.out(`PIN for ${username} (shown only this once): ${generatedPin}\n`);
      }),
    );

  dataDir(accounts.command('audit'))
    .description('List sign-ins, failed sign-ins, sign-outs, account, role, PIN and gateway credential changes: who, what, when (one JSON line each, oldest first)')
    .action((options: DataDirOption) => withStore(options, (store) => store.auditLog().forEach((entry) => io.out(`${JSON.stringify(entry)}\n`))));

  dataDir(accounts.command('disable <username>'))
    .description('Disable an account: its sessions end and its open dashboard sockets close within seconds')
    .action((username: string, options: DataDirOption) => withStore(options, (store) => io.out(`${describe(store.disable(username, new Date()))}\n`)));
}

export async function accountsAdd(username: string, options: PasswordOptions & { roles: string }, io: Output): Promise<void> {
  await withStore(options, async (store) => {
    const { account, generatedPassword } = await addAccount(store, { username, roles: options.roles, ...passwordFrom(options) }, new Date());
    io.out(`${describe(account)}\n`);
    if (generatedPassword) io.out(`password for ${username} (shown only this once): ${generatedPassword}\n`);
  });
}

export async function accountsResetPassword(username: string, options: PasswordOptions, io: Output): Promise<void> {
  await withStore(options, async (store) => {
    const { account, generatedPassword } = await resetAccountPassword(store, username, passwordFrom(options).password, new Date());
    io.out(`${describe(account)}\n`);
    if (generatedPassword) io.out(`new password for ${username} (shown only this once): ${generatedPassword}\n`);
  });
}

export function accountsList(options: DataDirOption, io: Output): Promise<void> {
  return withStore(options, (store) => {
    for (const account of store.list()) io.out(`${describe(account)}\n`);
  });
}

async function withStore<T>(options: DataDirOption, work: (store: AccountStore) => T | Promise<T>): Promise<T> {
  const store = AccountStore.openIn(resolve(options.dataDir), cliActor());
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

/** The first line of the file: a password never travels on the command line, where `ps` shows it. */
function passwordFrom(options: PasswordOptions): { password?: string } {
  if (options.passwordFile === undefined) return {};
  return { password: firstLineOf(options.passwordFile) };
}

function firstLineOf(file: string): string {
  return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
}

function describe(account: Account): string {
  return JSON.stringify({ username: account.username, roles: account.roles, disabled: account.disabled, createdAt: account.createdAt, updatedAt: account.updatedAt });
}

import type { Command } from 'commander';
import { GatewayCredentialStore } from '@vigil/auth';
import { resolve } from 'node:path';
import { cliActor } from './cli-actor';

type DataDirOption = { dataDir: string };

/**
 * `vigil gateways add|list|revoke`: gateway credentials from the server's machine, also while the
 * app runs (they live in accounts.sqlite; ingest reads them on every request). A token is printed
 * once and stored only as its SHA-256 (docs/security.md, "Gateway credentials").
 */
export function registerGatewaysCommand(program: Command): void {
  const gateways = program.command('gateways').description('Manage gateway credentials (random tokens bound to one gateway id)');
  const dataDir = (command: Command) => command.option('--data-dir <dir>', 'data directory holding accounts.sqlite', process.env.VIGIL_DATA_DIR ?? './data');
  const out = (line: string) => process.stdout.write(line);

  dataDir(gateways.command('add <gatewayId>'))
    .description('Make a new token for the gateway and print it once')
    .action((gatewayId: string, options: DataDirOption) =>
      withGateways(options, (store) => {
        const { token } = store.add(gatewayId, new Date());
        out(`token for gateway ${gatewayId} (shown only this once): ${token}\n`);
      }),
    );

  dataDir(gateways.command('list'))
    .description('List managed credentials: gateway id, hash prefix, created and revoked times (one JSON line each)')
    .action((options: DataDirOption) => withGateways(options, (store) => store.list().forEach((credential) => out(`${JSON.stringify(credential)}\n`))));

  dataDir(gateways.command('revoke <gatewayId>'))
    .description("Revoke every token of the gateway; its next request is refused")
    .action((gatewayId: string, options: DataDirOption) => withGateways(options, (store) => out(`revoked ${store.revoke(gatewayId, new Date())} token(s) of gateway ${gatewayId}\n`)));
}

function withGateways(options: DataDirOption, work: (store: GatewayCredentialStore) => void): void {
  const store = GatewayCredentialStore.openIn(resolve(options.dataDir), cliActor());
  try {
    work(store);
  } finally {
    store.close();
  }
}

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { migrateStore } from '../store-migration/migrate-store';

/**
 * `vigil store migrate --from <file> --to <file>`: copies an embedded store written by an earlier
 * version into the current layout, in a new file (docs/streams.md "Stores from earlier versions").
 * Prints a JSON summary; exits 1 naming the reason when the original does not verify or the
 * target exists.
 */
export function registerStoreCommand(program: Command): void {
  const store = program.command('store').description('Manage the embedded event store file');
  store
    .command('migrate')
    .description('Copy an events.sqlite written by an earlier version of Vigil into the current layout, in a new file (the original is left untouched)')
    .requiredOption('--from <file>', 'the earlier store (e.g. data/events.sqlite)')
    .requiredOption('--to <file>', 'the new store to create (must not exist)')
    .action(async (options: { from: string; to: string }) => {
      const summary = await migrateStore(resolve(options.from), resolve(options.to));
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}

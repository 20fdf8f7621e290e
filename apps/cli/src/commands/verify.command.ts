import type { Command } from 'commander';
import { requireId, sessionStreamName, sessionStreamNames } from '@vigil/domain';
import { verifyStoredStream } from '@vigil/event-store';
import { allStreamNames, openEventStore, type EventStoreSelection } from '@vigil/event-store-adapters';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type VerifyOptions = { dataDir: string; session?: string; store: string; pgUrl: string; pgSchema: string };

/**
 * `vigil verify`: checks the hash chain of every stream (or one session's) in the event store and
 * prints one JSON line per stream; exits 1 when any stream fails. The store is the one the app
 * uses: VIGIL_EVENT_STORE (sqlite in the data directory, or postgres at VIGIL_PG_URL / VIGIL_PG_SCHEMA).
 */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description("Verify the hash chain of every stream in the event store (or one session's) and print one JSON line per stream")
    .option('--data-dir <dir>', 'data directory holding events.sqlite', process.env.VIGIL_DATA_DIR ?? './data')
    .option('--session <id>', 'verify only this session')
    .option('--store <kind>', 'sqlite or postgres', process.env.VIGIL_EVENT_STORE ?? 'sqlite')
    .option('--pg-url <url>', 'PostgreSQL connection string', process.env.VIGIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
    .option('--pg-schema <schema>', 'PostgreSQL schema of the store', process.env.VIGIL_PG_SCHEMA ?? 'vigil')
    .action(async (options: VerifyOptions) => {
      process.exitCode = await verifyCommand(options, (line) => process.stdout.write(line), (line) => process.stderr.write(line));
    });
}

/** The command's work, callable in-process (tests): returns the exit code. */
export async function verifyCommand(options: VerifyOptions, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const sessionId = options.session === undefined ? undefined : requireId('sessionId', options.session, '--session');
  const store = await openEventStore(selectionOf(options));
  try {
    // An unknown session must not pass as an empty, intact one.
    if (sessionId !== undefined && (await store.streamRevision(sessionStreamName(sessionId))) === undefined) throw new Error(`no such session: ${options.session}`);
    // A session's record is its three streams (docs/streams.md); each has its own chain.
    const streams = sessionId !== undefined ? sessionStreamNames(sessionId) : await allStreamNames(store);
    let failures = 0;
    for (const stream of streams) {
      const result = await verifyStoredStream(store, stream);
      if (!result.ok) failures++;
      out(`${JSON.stringify(result)}\n`);
    }
    if (failures === 0) return 0;
    err(`vigil verify: ${failures} of ${streams.length} stream(s) failed verification\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export function selectionOf(options: Omit<VerifyOptions, 'session'>): EventStoreSelection {
  if (options.store === 'postgres') return { kind: 'postgres', connectionString: options.pgUrl, schema: options.pgSchema };
  if (options.store !== 'sqlite') throw new Error(`--store must be sqlite or postgres, got "${options.store}"`);
  const file = join(resolve(options.dataDir), 'events.sqlite');
  if (!existsSync(file)) throw new Error(`no event store at ${file}`);
  return { kind: 'sqlite', file };
}

import type { Command } from 'commander';
import { requireId, sessionStreamName } from '@vigil/domain';
import { SqliteEventStore, verifyStoredStream } from '@vigil/event-store';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `vigil verify`: checks the hash chain of every stream (or one session's) in an embedded store
 * file and prints one JSON line per stream; exits 1 when any stream fails.
 */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description("Verify the hash chain of every stream in the embedded store (or one session's) and print one JSON line per stream")
    .option('--data-dir <dir>', 'data directory holding events.sqlite', process.env.VIGIL_DATA_DIR ?? './data')
    .option('--session <id>', 'verify only this session')
    .action(async (options: { dataDir: string; session?: string }) => {
      const file = join(resolve(options.dataDir), 'events.sqlite');
      if (!existsSync(file)) throw new Error(`no event store at ${file}`);
      const sessionStream = options.session === undefined ? undefined : sessionStreamName(requireId('sessionId', options.session, '--session'));
      const store = SqliteEventStore.open(file);
      try {
        // An unknown session must not pass as an empty, intact one.
        if (sessionStream !== undefined && (await store.streamRevision(sessionStream)) === undefined) throw new Error(`no such session: ${options.session}`);
        const streams = sessionStream !== undefined ? [sessionStream] : await allStreams(store);
        let failures = 0;
        for (const stream of streams) {
          const result = await verifyStoredStream(store, stream);
          if (!result.ok) failures++;
          process.stdout.write(`${JSON.stringify(result)}\n`);
        }
        if (failures > 0) {
          process.stderr.write(`vigil verify: ${failures} of ${streams.length} stream(s) failed verification\n`);
          process.exitCode = 1;
        }
      } finally {
        await store.close();
      }
    });
}

async function allStreams(store: SqliteEventStore): Promise<string[]> {
  const streams = new Set<string>();
  for (let after = 0; ; ) {
    const page = await store.readAll({ afterPosition: after, maxCount: 5000 });
    if (page.length === 0) return [...streams].sort();
    for (const event of page) streams.add(event.stream);
    after = page[page.length - 1]!.position;
  }
}

import { Command } from 'commander';
import { auditKeyPath, Checkpointer, latestWitnessCheckpoint, loadOrCreateSigningKey, loadVerifyingKey, readAuditAccesses, recordAuditAccess } from '@vigil/audit-trail';
import { requireId } from '@vigil/domain';
import { openEventStore } from '@vigil/event-store-adapters';
import { resolve } from 'node:path';
import { registerAuditReadCommands } from './audit-read.command';
import { addVerifyOptions, findingLines, runAuditVerification, type AuditVerifyOptions } from './audit-verification';
import { cliActor } from './cli-actor';
import { addStoreOptions, selectionOf, type StoreOptions } from './store-selection';

type Output = { out: (text: string) => void; err: (text: string) => void };
const processOutput: Output = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

/**
 * `vigil audit …` (docs/audit.md): what an auditor runs against the store. Returns the `audit`
 * command so that other subcommands (replay, reevaluate, export) can be attached to it.
 */
export function registerAuditCommand(program: Command): Command {
  const audit = program.command('audit').description('Audit the record: signed checkpoints, verification, who looked');

  const checkpoint = addStoreOptions(audit.command('checkpoint')).option('--key <file>', 'the audit key (PEM); default VIGIL_AUDIT_KEY or ~/.config/vigil/audit-key.pem');
  checkpoint
    .description('Print the latest signed checkpoint as JSON, to keep elsewhere as a witness (--take records one first if anything changed)')
    .option('--take', 'record a checkpoint now (the running app records them on its own)')
    .action(async (options: CheckpointOptions) => {
      process.exitCode = await auditCheckpointCommand(options, processOutput);
    });

  addVerifyOptions(addStoreOptions(audit.command('verify')))
    .description("Check every hash chain and every signed checkpoint (or one session's); exit 0 when clean, 1 naming each stream, revision and reason")
    .action(async (options: AuditVerifyOptions) => {
      process.exitCode = await auditVerifyCommand(options, processOutput);
    });

  addStoreOptions(audit.command('access'))
    .description('List who replayed, exported, verified or re-evaluated the record, as NDJSON (oldest first)')
    .option('--session <id>', 'only the accesses about this session')
    .action(async (options: StoreOptions & { session?: string }) => {
      process.exitCode = await auditAccessCommand(options, processOutput);
    });
  registerAuditReadCommands(audit);
  return audit;
}

export type CheckpointOptions = StoreOptions & { key?: string; take?: boolean };

export async function auditCheckpointCommand(options: CheckpointOptions, output: Output): Promise<number> {
  const keyFile = options.key ?? auditKeyPath();
  const signing = options.take ? loadOrCreateSigningKey(keyFile, options.store === 'sqlite' ? resolve(options.dataDir) : undefined) : undefined;
  const key = signing ?? loadVerifyingKey(keyFile);
  const store = await openEventStore(selectionOf(options));
  try {
    if (signing) await new Checkpointer(store, signing).checkpoint();
    const witness = await latestWitnessCheckpoint(store, key.publicKeyPem);
    if (!witness) {
      output.err('vigil audit checkpoint: the store holds no checkpoint yet (the running app records one within seconds of an append; or pass --take)\n');
      return 1;
    }
    await recordAuditAccess(store, { by: cliActor(), action: 'checkpoint', detail: { sequence: witness.sequence }, at: new Date().toISOString() });
    output.out(`${JSON.stringify(witness, null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function auditVerifyCommand(options: AuditVerifyOptions, output: Output): Promise<number> {
  const report = await runAuditVerification(options);
  output.out(`${JSON.stringify(report)}\n`);
  for (const warning of report.warnings) output.err(`vigil audit verify: warning: ${warning}\n`);
  if (report.ok) return 0;
  output.err(findingLines('vigil audit verify', report));
  return 1;
}

export async function auditAccessCommand(options: StoreOptions & { session?: string }, output: Output): Promise<number> {
  const sessionId = options.session === undefined ? undefined : requireId('sessionId', options.session, '--session');
  const store = await openEventStore(selectionOf(options));
  try {
    const accesses = await readAuditAccesses(store, sessionId !== undefined ? { sessionId } : {});
    for (const access of accesses) output.out(`${JSON.stringify(access)}\n`);
    await recordAuditAccess(store, { by: cliActor(), action: 'access', ...(sessionId !== undefined ? { sessionId } : {}), at: new Date().toISOString() });
    return 0;
  } finally {
    await store.close();
  }
}

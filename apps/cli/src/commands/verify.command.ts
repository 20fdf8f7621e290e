import type { Command } from 'commander';
import { addVerifyOptions, findingLines, isRecordStream, runAuditVerification, type AuditVerifyOptions } from './audit-verification';
import { addStoreOptions } from './store-selection';

export type VerifyOptions = AuditVerifyOptions;

/**
 * `vigil verify`: the alias of `vigil audit verify` (docs/audit.md) that keeps its first output:
 * one JSON line per stream of the record on stdout, a count of failed streams on stderr, and any
 * checkpoint finding (cut tail, deleted stream, rollback) on stderr too; exits 1 on any finding.
 */
export function registerVerifyCommand(program: Command): void {
  addVerifyOptions(addStoreOptions(program.command('verify')))
    .description("Verify every stream's hash chain and the store's signed checkpoints (or one session's); one JSON line per stream. Alias of `vigil audit verify` with the first output format")
    .action(async (options: VerifyOptions) => {
      process.exitCode = await verifyCommand(options, (line) => process.stdout.write(line), (line) => process.stderr.write(line));
    });
}

/** The command's work, callable in-process (tests): returns the exit code. */
export async function verifyCommand(options: VerifyOptions, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const report = await runAuditVerification(options);
  const shown = report.streams.filter((result) => isRecordStream(result.stream));
  for (const result of shown) out(`${JSON.stringify(result)}\n`);
  if (report.ok) return 0;
  const failed = shown.filter((result) => !result.ok).length;
  if (failed > 0) err(`vigil verify: ${failed} of ${shown.length} stream(s) failed verification\n`);
  err(findingLines('vigil verify', report));
  return 1;
}

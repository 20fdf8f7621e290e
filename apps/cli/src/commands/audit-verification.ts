import { AUDIT_TRAIL_STREAMS, auditKeyPath, storeStreamNames, loadVerifyingKey, recordAuditAccess, verifyStore, type StoreVerification, type WitnessCheckpoint } from '@vigil/audit-trail';
import { requireId, sessionStreamName, sessionStreamNames } from '@vigil/domain';
import { openEventStore } from '@vigil/event-store-adapters';
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { cliActor } from './cli-actor';
import { selectionOf, type StoreOptions } from './store-selection';

export type AuditVerifyOptions = StoreOptions & { session?: string; against?: string; key?: string };

/** The options `vigil audit verify` and `vigil verify` share, besides the store's. */
export function addVerifyOptions(command: Command): Command {
  return command
    .option('--session <id>', 'verify only this session (with inclusion proofs of its streams in the latest checkpoint)')
    .option('--against <checkpoint.json>', 'a checkpoint printed earlier by `vigil audit checkpoint` and kept elsewhere (a witness): finds a rollback')
    .option('--key <file>', 'the audit key (PEM, public or private) to check signatures with; default VIGIL_AUDIT_KEY or ~/.config/vigil/audit-key.pem');
}

/**
 * Verifies the store (or one session) as `vigil audit verify` and its alias `vigil verify` do, and
 * records the look in the access-audit stream (after the verification, so it judges the store as
 * found).
 */
export async function runAuditVerification(options: AuditVerifyOptions): Promise<StoreVerification> {
  const sessionId = options.session === undefined ? undefined : requireId('sessionId', options.session, '--session');
  const witness = options.against === undefined ? undefined : readWitness(options.against);
  const keyFile = options.key ?? auditKeyPath();
  // Without a key file the checkpoints' signatures cannot be checked; verifyStore says so when there are any.
  const key = options.key !== undefined || existsSync(keyFile) ? loadVerifyingKey(keyFile) : undefined;
  const store = await openEventStore(selectionOf(options));
  try {
    // An unknown session must not pass as an empty, intact one.
    if (sessionId !== undefined && (await store.streamRevision(sessionStreamName(sessionId))) === undefined) throw new Error(`no such session: ${options.session}`);
    const streams = sessionId !== undefined ? sessionStreamNames(sessionId) : await storeStreamNames(store);
    const report = await verifyStore(store, { streams, key, witness, ...(sessionId !== undefined ? { scoped: { session: sessionId } } : {}) });
    await recordAuditAccess(store, {
      by: cliActor(),
      action: 'verify',
      ...(sessionId !== undefined ? { sessionId } : {}),
      detail: { ok: report.ok, findings: report.findings.length, ...(witness ? { against: witness.sequence } : {}) },
      at: new Date().toISOString(),
    });
    return report;
  } finally {
    await store.close();
  }
}

function readWitness(file: string): WitnessCheckpoint {
  if (!existsSync(file)) throw new Error(`--against: no file at ${file}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--against: ${file} is not JSON (${(error as Error).message})`);
  }
  const w = parsed as Partial<WitnessCheckpoint>;
  if (typeof w !== 'object' || w === null || typeof w.sequence !== 'number' || typeof w.rootHash !== 'string' || typeof w.signature !== 'string' || !Array.isArray(w.heads)) {
    throw new Error(`--against: ${file} is not a checkpoint printed by \`vigil audit checkpoint\` (needs sequence, rootHash, signature and heads)`);
  }
  return w as WitnessCheckpoint;
}

/** One line per finding, for stderr: stream, revision, checkpoint and reason. */
export function findingLines(prefix: string, report: StoreVerification): string {
  return report.findings
    .map((f) => `${prefix}: ${f.kind}${f.stream ? ` in ${f.stream}` : ''}${f.revision !== undefined ? ` at revision ${f.revision}` : ''}${f.witness !== undefined ? ` (witness checkpoint #${f.witness})` : f.checkpoint !== undefined ? ` (checkpoint #${f.checkpoint})` : ''}: ${f.reason}\n`)
    .join('');
}

/** The streams a record listing shows; the audit trail's own streams are verified, and reported in findings. */
export const isRecordStream = (stream: string): boolean => !AUDIT_TRAIL_STREAMS.includes(stream);

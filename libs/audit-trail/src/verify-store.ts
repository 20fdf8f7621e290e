import { readStreamPages, verifyStream, type EventStore, type RecordedEvent, type StreamVerification } from '@vigil/event-store';
import type { AuditVerifyingKey } from './audit-key';
import { diagnoseChainFailure, type ChainFailureKind } from './chain-failure-diagnosis';
import { changedHashOf, checkpointSignatureProblem, type RecordedCheckpoint, type WitnessCheckpoint } from './checkpoint';
import { CHECKPOINT_STREAM, HeadsAtCheckpoint, readCheckpoints } from './checkpoint-log';
import { checkStoredChain, readsStoredLog, readsStoredRows, scanStoredLog, type StoredChainCheck } from './stored-chain-check';
import { headInclusionProof, headsRoot, type InclusionProof, type StreamHead } from './stream-heads';

export type FindingKind = ChainFailureKind | 'cut-tail' | 'deleted-stream' | 'rewritten-stream' | 'rollback' | 'bad-signature' | 'checkpoint-mismatch' | 'no-key';

/** One thing wrong with the store: which stream and revision, which checkpoint (or witness) says so, and why. */
export type Finding = { kind: FindingKind; stream?: string; revision?: number; checkpoint?: number; witness?: number; reason: string };

export type CheckpointSummary = { sequence: number; headPosition: string; takenAt: string; treeSize: number; rootHash: string };

export type StoreVerification = {
  ok: boolean;
  session?: string;
  events: number;
  streams: StreamVerification[];
  checkpoints: { count: number; signaturesChecked: boolean; latest?: CheckpointSummary };
  witness?: CheckpointSummary & { inStore: boolean };
  /** For one session: each of its streams' head proven against the latest checkpoint's root. */
  inclusion?: InclusionProof[];
  findings: Finding[];
  warnings: string[];
};

export type VerifyStoreOptions = {
  /** The streams to check: every stream of the store, or one session's. */
  streams: readonly string[];
  /** Checkpoint heads outside `streams` are ignored (a session's verification). */
  scoped?: { session: string };
  key?: AuditVerifyingKey;
  witness?: WitnessCheckpoint;
};

/** What checkpoints (and the witness) say a stream held at a revision. */
type Expected = { hash: string; checkpoint?: number; witness?: number };

const summaryOf = (c: RecordedCheckpoint | WitnessCheckpoint): CheckpointSummary => ({ sequence: c.sequence, headPosition: c.headPosition, takenAt: c.takenAt, treeSize: c.treeSize, rootHash: c.rootHash });

/**
 * Checks every chain and every checkpoint of a store (docs/audit.md "What verify checks"): each
 * stream's hash chain from revision 0; each checkpoint's signature; the latest checkpoint's root
 * against the heads rebuilt from the checkpoint stream; every head any checkpoint (or the witness)
 * recorded against the stream as stored now, which catches cut tails, deleted streams, chains
 * rewritten with fresh hashes, and (against a witness) a store rolled back to an older copy.
 */
export async function verifyStore(store: EventStore, options: VerifyStoreOptions): Promise<StoreVerification> {
  const findings: Finding[] = [];
  const warnings: string[] = [];
  const inScope = new Set(options.streams);
  const expected = new Map<string, Map<number, Expected>>();
  const expect = (stream: string, revision: number, hash: string, source: { checkpoint?: number; witness?: number }) => {
    if (options.scoped && !inScope.has(stream)) return;
    const byRevision = expected.get(stream) ?? new Map<number, Expected>();
    expected.set(stream, byRevision);
    byRevision.set(revision, { ...byRevision.get(revision), hash, ...source });
  };

  // Checkpoints first: their heads are what the streams are held to.
  const { count, latest, allHeads, storeRoots } = await checkCheckpoints(store, options.key, findings, expect);
  if (count === 0) warnings.push('the store holds no checkpoint: a cut tail, a deleted stream or a rollback cannot be told from an untouched store without a witness');

  const witness = options.witness;
  if (witness) checkWitness(witness, options.key, storeRoots, latest, findings, expect);

  // Then every stream, held to its chain and to every head recorded for it.
  const streams: StreamVerification[] = [];
  // The whole store in one pass over the log when the store can; a session by its own streams.
  const scanned = !options.scoped && readsStoredLog(store) ? await scanStoredLog(store, expected) : undefined;
  for (const stream of options.streams) {
    const { result, events } = await walkStream(store, stream, expected.get(stream), findings, scanned?.get(stream));
    streams.push(result);
    if (!result.ok || events === undefined) continue;
    tailFindings(stream, events, expected.get(stream), findings);
  }
  const present = new Set(streams.filter((s) => !s.ok || s.events > 0).map((s) => s.stream));
  for (const [stream, byRevision] of expected) {
    if (present.has(stream)) continue;
    const last = Math.max(...byRevision.keys());
    const source = byRevision.get(last)!;
    const onlyWitness = source.checkpoint === undefined && !storeHasWitness(witness, storeRoots);
    findings.push({
      kind: onlyWitness ? 'rollback' : 'deleted-stream',
      stream,
      revision: last,
      ...sourceOf(source),
      reason: `stream deleted: ${describeSource(source)} recorded its head at revision ${last}, and the store holds no event of it`,
    });
  }

  const inclusion = options.scoped && latest ? options.streams.map((stream) => headInclusionProof(allHeads, stream)).filter((p): p is InclusionProof => p !== undefined) : undefined;
  const eventCount = streams.reduce((sum, s) => sum + (s.ok ? s.events : 0), 0);
  return {
    ok: findings.length === 0,
    ...(options.scoped ? { session: options.scoped.session } : {}),
    events: eventCount,
    streams,
    checkpoints: { count, signaturesChecked: options.key !== undefined, ...(latest ? { latest: summaryOf(latest) } : {}) },
    ...(witness ? { witness: { ...summaryOf(witness), inStore: storeRoots.has(witness.sequence) } } : {}),
    ...(inclusion ? { inclusion } : {}),
    findings,
    warnings,
  };
}

/** Each checkpoint's signature and list of heads, and the latest one's root over every head. */
async function checkCheckpoints(
  store: EventStore,
  key: AuditVerifyingKey | undefined,
  findings: Finding[],
  expect: (stream: string, revision: number, hash: string, source: { checkpoint: number }) => void,
): Promise<{ count: number; latest?: RecordedCheckpoint; allHeads: StreamHead[]; storeRoots: Map<number, string> }> {
  const heads = new HeadsAtCheckpoint();
  const storeRoots = new Map<number, string>();
  let latest: RecordedCheckpoint | undefined;
  let count = 0;
  for await (const { checkpoint, revision } of readCheckpoints(store)) {
    count++;
    const where = { stream: CHECKPOINT_STREAM, revision, checkpoint: checkpoint.sequence };
    const problem = key && checkpointSignatureProblem(checkpoint, key);
    if (problem) findings.push({ kind: 'bad-signature', ...where, reason: `checkpoint #${checkpoint.sequence}: ${problem}` });
    if (changedHashOf(checkpoint.changed) !== checkpoint.changedHash) findings.push({ kind: 'checkpoint-mismatch', ...where, reason: `checkpoint #${checkpoint.sequence}: its list of changed heads is not the one it signed` });
    heads.apply(checkpoint.changed);
    for (const head of checkpoint.changed) expect(head.stream, head.revision, head.hash, { checkpoint: checkpoint.sequence });
    storeRoots.set(checkpoint.sequence, checkpoint.rootHash);
    latest = checkpoint;
  }
  if (count > 0 && !key) findings.push({ kind: 'no-key', stream: CHECKPOINT_STREAM, reason: 'no audit key to check the checkpoints’ signatures with (set VIGIL_AUDIT_KEY or pass --key)' });
  const allHeads = heads.sorted();
  if (latest && (headsRoot(allHeads) !== latest.rootHash || allHeads.length !== latest.treeSize)) {
    findings.push({ kind: 'checkpoint-mismatch', stream: CHECKPOINT_STREAM, revision: latest.sequence, checkpoint: latest.sequence, reason: `checkpoint #${latest.sequence}: the heads recorded in the checkpoint stream do not give its signed root` });
  }
  return { count, ...(latest ? { latest } : {}), allHeads, storeRoots };
}

const storeHasWitness = (witness: WitnessCheckpoint | undefined, storeRoots: Map<number, string>) => witness !== undefined && storeRoots.has(witness.sequence);
const sourceOf = (source: Expected) => ({ ...(source.checkpoint !== undefined ? { checkpoint: source.checkpoint } : {}), ...(source.witness !== undefined ? { witness: source.witness } : {}) });
const describeSource = (source: Expected) => (source.checkpoint !== undefined ? `checkpoint #${source.checkpoint}` : `witness checkpoint #${source.witness}`);

function checkWitness(
  witness: WitnessCheckpoint,
  key: AuditVerifyingKey | undefined,
  storeRoots: Map<number, string>,
  latest: RecordedCheckpoint | undefined,
  findings: Finding[],
  expect: (stream: string, revision: number, hash: string, source: { witness: number }) => void,
): void {
  const where = { stream: CHECKPOINT_STREAM, revision: witness.sequence, witness: witness.sequence };
  const problem = key && checkpointSignatureProblem(witness, key);
  if (problem) findings.push({ kind: 'bad-signature', ...where, reason: `witness checkpoint #${witness.sequence}: ${problem}` });
  if (headsRoot(witness.heads) !== witness.rootHash) findings.push({ kind: 'checkpoint-mismatch', ...where, reason: `witness checkpoint #${witness.sequence}: its heads do not give its root (the witness file was altered)` });
  const inStore = storeRoots.get(witness.sequence);
  if (inStore === undefined) {
    findings.push({
      kind: 'rollback',
      ...where,
      reason: `witness checkpoint #${witness.sequence} (taken ${witness.takenAt}, position ${witness.headPosition}) is not in the store, whose checkpoints end at ${latest ? `#${latest.sequence} (taken ${latest.takenAt})` : 'none'}: the store was rolled back to an older copy`,
    });
  } else if (inStore !== witness.rootHash) {
    findings.push({ kind: 'checkpoint-mismatch', ...where, reason: `the store's checkpoint #${witness.sequence} has root ${inStore}, the witness's has ${witness.rootHash}: the store's checkpoints were rewritten` });
  }
  for (const head of witness.heads) expect(head.stream, head.revision, head.hash, { witness: witness.sequence });
}

/** Verifies one stream's chain while checking each event against the heads recorded for it. */
async function walkStream(
  store: EventStore,
  stream: string,
  expected: Map<number, Expected> | undefined,
  findings: Finding[],
  scanned: StoredChainCheck | undefined,
): Promise<{ result: StreamVerification; events?: number }> {
  const fast = scanned ?? (readsStoredRows(store) ? await checkStoredChain(store, stream, expected) : undefined);
  if (fast) {
    if (fast.intact) {
      const mismatch = fast.firstMismatch;
      if (mismatch) findings.push(rewrittenFinding(stream, mismatch.revision, expected!.get(mismatch.revision)!, mismatch.stored));
      return { result: { ok: true, stream, events: fast.events, lastHash: fast.lastHash }, events: fast.events };
    }
  }
  const rewritten: Finding[] = [];
  async function* checked(): AsyncIterable<RecordedEvent> {
    for await (const event of readStreamPages((fromRevision, maxCount) => store.readStream(stream, { fromRevision, maxCount }))) {
      const want = expected?.get(event.revision);
      if (want && want.hash !== event.metadata.chain?.hash && rewritten.length === 0) rewritten.push(rewrittenFinding(stream, event.revision, want, String(event.metadata.chain?.hash)));
      yield event;
    }
  }
  const result = await verifyStream(stream, checked());
  if (!result.ok) {
    const failure = await diagnoseChainFailure(store, stream, result.revision, result.reason);
    findings.push(failure);
    return { result: { ...result, revision: failure.revision, reason: failure.reason } };
  }
  findings.push(...rewritten);
  return { result, events: result.events };
}

function rewrittenFinding(stream: string, revision: number, want: Expected, stored: string): Finding {
  return {
    kind: 'rewritten-stream',
    stream,
    revision,
    ...sourceOf(want),
    reason: `the chain holds, but ${describeSource(want)} recorded revision ${revision} with hash ${want.hash} and the store now has ${stored}: the stream was rewritten at or before this revision`,
  };
}

/** Heads recorded past the stream's end: a cut tail, or (known only to the witness) a rollback. */
function tailFindings(stream: string, events: number, expected: Map<number, Expected> | undefined, findings: Finding[]): void {
  if (!expected || events === 0) return;
  const beyond = [...expected].filter(([revision]) => revision >= events);
  if (beyond.length === 0) return;
  // The store's own checkpoints name a cut; a head only the witness knows means the store went back in time.
  const fromStore = beyond.filter(([, s]) => s.checkpoint !== undefined);
  const [revision, by] = (fromStore.length > 0 ? fromStore : beyond).reduce((a, b) => (b[0] > a[0] ? b : a));
  const cut = fromStore.length > 0;
  findings.push({
    kind: cut ? 'cut-tail' : 'rollback',
    stream,
    revision: events,
    ...sourceOf(by),
    reason: `${cut ? 'tail cut' : 'rolled back'}: the stream ends at revision ${events - 1}, but ${describeSource(by)} recorded revision ${revision} (hash ${by.hash}); revisions ${events}..${revision} are missing`,
  });
}

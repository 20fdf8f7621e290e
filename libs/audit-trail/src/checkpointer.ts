import { FIXED_STREAMS } from '@vigil/domain';
import { LOG_START, positionFromString, type EventStore, type LogPosition } from '@vigil/event-store';
import { randomUUID } from 'node:crypto';
import type { AuditSigningKey } from './audit-key';
import { CHECKPOINT_FORMAT, CHECKPOINT_RECORDED, changedHashOf, signCheckpoint, type RecordedCheckpoint } from './checkpoint';
import { CHECKPOINT_STREAM, FULL_CHECKPOINT_EVERY, HeadsAtCheckpoint, lastFullCheckpoint, readCheckpoints } from './checkpoint-log';
import { headsRoot, sortedHeads, type StreamHead } from './stream-heads';

const PAGE = 5000;


/**
 * Takes signed checkpoints of one store (docs/audit.md "Checkpoints"). It follows the log from the
 * position the last checkpoint covered, keeps every stream's head, and records a checkpoint only
 * when some head moved, so an idle store gains no events. The checkpoint stream itself is not a
 * leaf: a checkpoint cannot contain its own hash.
 */
export class Checkpointer {
  private heads = new HeadsAtCheckpoint();
  private covered: LogPosition = LOG_START;
  private nextSequence = 0;
  private loaded = false;

  constructor(
    private readonly store: EventStore,
    private readonly key: AuditSigningKey,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a checkpoint when anything was appended since the last one; returns it, or undefined. */
  async checkpoint(): Promise<RecordedCheckpoint | undefined> {
    if (!this.loaded) await this.load();
    // Read on from what the last checkpoint covered: an event appended while that checkpoint was being
    // written lands before it in the log and must be covered by the next one, so no shortcut on the head.
    const changed = new Map<string, StreamHead>();
    let through = this.covered;
    for (;;) {
      const page = await this.store.readAll({ afterPosition: through, maxCount: PAGE });
      for (const event of page) {
        if (event.stream !== CHECKPOINT_STREAM) changed.set(event.stream, { stream: event.stream, revision: event.revision, hash: event.metadata.chain.hash });
        through = event.position;
      }
      if (page.length < PAGE) break;
    }
    if (changed.size === 0) {
      this.covered = through;
      return undefined;
    }
    return this.record(sortedHeads(changed.values()), through);
  }

  private async record(changed: StreamHead[], through: LogPosition): Promise<RecordedCheckpoint> {
    const next = new HeadsAtCheckpoint();
    next.apply(this.heads.sorted());
    next.apply(changed);
    const all = next.sorted();
    const listed = this.nextSequence % FULL_CHECKPOINT_EVERY === 0 ? all : changed;
    const signed = {
      format: CHECKPOINT_FORMAT,
      sequence: this.nextSequence,
      headPosition: through,
      takenAt: this.now().toISOString(),
      treeSize: all.length,
      rootHash: headsRoot(all),
      changedHash: changedHashOf(listed),
      keyId: this.key.keyId,
    } as const;
    const checkpoint: RecordedCheckpoint = { ...signed, signature: signCheckpoint(signed, this.key), changed: listed };
    const expectedRevision = this.nextSequence === 0 ? 'no-stream' : this.nextSequence - 1;
    try {
      await this.store.appendToStream(
        CHECKPOINT_STREAM,
        [{ id: randomUUID(), type: CHECKPOINT_RECORDED, occurredAt: signed.takenAt, data: checkpoint as unknown as Record<string, never>, metadata: { causedBy: 'system:checkpointer' } }],
        { expectedRevision },
      );
      this.heads.apply(changed);
      this.covered = through;
      this.nextSequence++;
      return checkpoint;
    } catch (error) {
      // Another process checkpointed first (one writer per stream, docs/streams.md): start over from its record next time.
      this.loaded = false;
      throw error;
    }
  }

  private async load(): Promise<void> {
    const fresh = new HeadsAtCheckpoint();
    this.covered = LOG_START;
    this.nextSequence = 0;
    for await (const { checkpoint, revision } of readCheckpoints(this.store, await lastFullCheckpoint(this.store))) {
      fresh.apply(checkpoint.changed);
      this.covered = positionFromString(checkpoint.headPosition);
      this.nextSequence = revision + 1;
    }
    this.heads = fresh;
    this.loaded = true;
  }
}

/** The stream names the checkpoint machinery itself writes (kept out of record listings, not out of verification). */
export const AUDIT_TRAIL_STREAMS: readonly string[] = [FIXED_STREAMS.storeCheckpoint, FIXED_STREAMS.accessAudit];

import { FIXED_STREAMS } from '@vigil/domain';
import { readStreamPages, type EventStore, type LogPosition } from '@vigil/event-store';
import { CHECKPOINT_RECORDED, signedPartOf, type RecordedCheckpoint, type WitnessCheckpoint } from './checkpoint';
import { sortedHeads, type StreamHead } from './stream-heads';

/** The checkpoints live in the store they vouch for, in one stream (docs/audit.md "Where checkpoints are kept"). */
export const CHECKPOINT_STREAM = FIXED_STREAMS.storeCheckpoint;

export type StoredCheckpoint = { checkpoint: RecordedCheckpoint; revision: number; position: LogPosition };

/** Every checkpoint in the store (from one on), oldest first, page by page. */
export async function* readCheckpoints(store: EventStore, from = 0): AsyncIterable<StoredCheckpoint> {
  const events = readStreamPages((fromRevision, maxCount) => store.readStream(CHECKPOINT_STREAM, { fromRevision: Math.max(from, fromRevision), maxCount }));
  for await (const event of events) {
    if (event.type !== CHECKPOINT_RECORDED) continue;
    yield { checkpoint: event.data as unknown as RecordedCheckpoint, revision: event.revision, position: event.position };
  }
}

/**
 * Every this many checkpoints, one lists every head instead of the changed ones, so that a start
 * reads the checkpoint stream from the last such checkpoint, not from the first (at one checkpoint
 * every 2 s while events arrive, a year of them is millions of events).
 */
export const FULL_CHECKPOINT_EVERY = 500;

/** Where rebuilding the heads may start: the last checkpoint that lists every head, else the first. */
export async function lastFullCheckpoint(store: EventStore): Promise<number> {
  const last = await store.streamRevision(CHECKPOINT_STREAM);
  if (last === undefined) return 0;
  const candidate = last - (last % FULL_CHECKPOINT_EVERY);
  const [event] = await store.readStream(CHECKPOINT_STREAM, { fromRevision: candidate, maxCount: 1 });
  const checkpoint = event?.data as unknown as RecordedCheckpoint | undefined;
  return checkpoint && event!.revision === candidate && checkpoint.changed.length === checkpoint.treeSize ? candidate : 0;
}

/** Every stream's head as of a checkpoint: the heads it changed laid over the ones before. */
export class HeadsAtCheckpoint {
  private readonly heads = new Map<string, StreamHead>();

  apply(changed: readonly StreamHead[]): void {
    for (const head of changed) this.heads.set(head.stream, head);
  }

  get(stream: string): StreamHead | undefined {
    return this.heads.get(stream);
  }

  sorted(): StreamHead[] {
    return sortedHeads(this.heads.values());
  }
}

/** The latest checkpoint as a witness keeps it (every head included), or undefined when there is none. */
export async function latestWitnessCheckpoint(store: EventStore, publicKeyPem: string): Promise<WitnessCheckpoint | undefined> {
  const heads = new HeadsAtCheckpoint();
  let latest: RecordedCheckpoint | undefined;
  for await (const { checkpoint } of readCheckpoints(store, await lastFullCheckpoint(store))) {
    heads.apply(checkpoint.changed);
    latest = checkpoint;
  }
  if (!latest) return undefined;
  return { ...signedPartOf(latest), signature: latest.signature, publicKey: publicKeyPem, heads: heads.sorted() };
}

import { FIXED_STREAMS } from '@vigil/domain';
import { readStreamPages, type EventStore, type LogPosition } from '@vigil/event-store';
import { CHECKPOINT_RECORDED, signedPartOf, type RecordedCheckpoint, type WitnessCheckpoint } from './checkpoint';
import { sortedHeads, type StreamHead } from './stream-heads';

/** The checkpoints live in the store they vouch for, in one stream (docs/audit.md "Where checkpoints are kept"). */
export const CHECKPOINT_STREAM = FIXED_STREAMS.storeCheckpoint;

export type StoredCheckpoint = { checkpoint: RecordedCheckpoint; revision: number; position: LogPosition };

/** Every checkpoint in the store, oldest first, page by page. */
export async function* readCheckpoints(store: EventStore): AsyncIterable<StoredCheckpoint> {
  const events = readStreamPages((fromRevision, maxCount) => store.readStream(CHECKPOINT_STREAM, { fromRevision, maxCount }));
  for await (const event of events) {
    if (event.type !== CHECKPOINT_RECORDED) continue;
    yield { checkpoint: event.data as unknown as RecordedCheckpoint, revision: event.revision, position: event.position };
  }
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
  for await (const { checkpoint } of readCheckpoints(store)) {
    heads.apply(checkpoint.changed);
    latest = checkpoint;
  }
  if (!latest) return undefined;
  return { ...signedPartOf(latest), signature: latest.signature, publicKey: publicKeyPem, heads: heads.sorted() };
}

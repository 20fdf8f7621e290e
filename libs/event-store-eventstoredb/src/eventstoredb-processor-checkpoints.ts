import { BACKWARDS, END, jsonEvent, type EventStoreDBClient } from '@eventstore/db-client';
import { encodeCheckpointEntries, positionFromString, type CheckpointUpdate, type JsonValue, type ProcessorCheckpoint, type ProcessorCheckpointStore } from '@vigil/event-store';
import { isStreamNotFound, isWrongExpectedVersion, translateEsdbError } from './esdb-errors';
import { esdbExpectedRevision } from './esdb-revisions';
import { CHECKPOINT_STREAM_PREFIX } from './vigil-log-filter';

/** One event of a checkpoint stream: the whole checkpoint after a save, or its absence after a reset. */
export type CheckpointEvent =
  | { type: 'ProcessorCheckpointSaved'; data: { position: string; version: string; entries: Record<string, string> } }
  | { type: 'ProcessorCheckpointReset'; data: Record<string, never> };

/** Old checkpoints are of no use to anyone; the server may scavenge all but the last few. */
const CHECKPOINTS_KEPT = 10;

/** Another instance of the processor saved since this one last read: it must load again (or stop), not overwrite. */
export class CheckpointFencedError extends Error {
  constructor(readonly processor: string, readonly expectedRevision: number | 'no-stream') {
    super(`processor ${processor}: its checkpoint was saved by another instance since revision ${String(expectedRevision)}; this instance is fenced off`);
    this.name = 'CheckpointFencedError';
  }
}

export function checkpointStream(processor: string): string {
  return `${CHECKPOINT_STREAM_PREFIX}${processor}`;
}

/**
 * Processors' checkpoints in EventStoreDB (docs/event-store.md "EventStoreDB"): one stream per
 * processor, each save one event holding the whole checkpoint (one event is atomic, so position,
 * version and entries change together). Saves are fenced: each is appended at the revision this
 * instance last read or wrote, so of two instances of a processor that both loaded the same
 * checkpoint, only the first to save succeeds; the other gets CheckpointFencedError.
 */
export class EventStoreDbProcessorCheckpoints implements ProcessorCheckpointStore {
  /** The revision of each processor's checkpoint stream as this instance last saw it, with the entries there. */
  private readonly seen = new Map<string, { revision: number | 'no-stream'; entries: Map<string, string> }>();
  /**
   * Processors this instance was fenced off from, at the revision it had. They stay fenced until it
   * loads again: a retried save must not read the other instance's checkpoint and write over it.
   */
  private readonly fenced = new Map<string, number | 'no-stream'>();

  constructor(private readonly client: EventStoreDBClient) {}

  async load(processor: string): Promise<ProcessorCheckpoint | undefined> {
    const latest = await this.readLatest(processor);
    this.seen.set(processor, { revision: latest.revision, entries: latest.checkpoint?.entries ?? new Map() });
    this.fenced.delete(processor);
    if (!latest.checkpoint) return undefined;
    const { position, version, entries } = latest.checkpoint;
    return { position: positionFromString(position), version, entries: new Map([...entries].map(([key, text]) => [key, JSON.parse(text) as JsonValue])) };
  }

  async save(processor: string, update: CheckpointUpdate): Promise<void> {
    const encoded = encodeCheckpointEntries(update.put);
    const base = await this.base(processor);
    const entries = new Map(base.entries);
    for (const key of update.remove) entries.delete(key);
    for (const [key, text] of encoded) entries.set(key, text);
    const event: CheckpointEvent = { type: 'ProcessorCheckpointSaved', data: { position: update.position, version: update.version, entries: Object.fromEntries(entries) } };
    const revision = await this.appendFenced(processor, base.revision, event);
    this.seen.set(processor, { revision, entries });
  }

  async reset(processor: string): Promise<void> {
    const base = await this.base(processor);
    if (base.revision === 'no-stream') return;
    const revision = await this.appendFenced(processor, base.revision, { type: 'ProcessorCheckpointReset', data: {} });
    this.seen.set(processor, { revision, entries: new Map() });
  }

  /** What a save or reset continues: what this instance saw, or (never having looked) the stream's head now. */
  private async base(processor: string) {
    const fencedAt = this.fenced.get(processor);
    if (fencedAt !== undefined) throw new CheckpointFencedError(processor, fencedAt);
    const seen = this.seen.get(processor);
    if (seen) return seen;
    const latest = await this.readLatest(processor);
    return { revision: latest.revision, entries: latest.checkpoint?.entries ?? new Map<string, string>() };
  }

  private async appendFenced(processor: string, expected: number | 'no-stream', event: CheckpointEvent): Promise<number> {
    const stream = checkpointStream(processor);
    try {
      const result = await this.client.appendToStream(stream, jsonEvent(event), { expectedRevision: esdbExpectedRevision(expected) });
      if (expected === 'no-stream') await this.client.setStreamMetadata(stream, { maxCount: CHECKPOINTS_KEPT });
      return Number(result.nextExpectedRevision);
    } catch (error) {
      if (isWrongExpectedVersion(error)) {
        this.seen.delete(processor);
        this.fenced.set(processor, expected);
        throw new CheckpointFencedError(processor, expected);
      }
      throw translateEsdbError(error, stream);
    }
  }

  private async readLatest(processor: string): Promise<{ revision: number | 'no-stream'; checkpoint?: { position: string; version: string; entries: Map<string, string> } }> {
    const stream = checkpointStream(processor);
    try {
      for await (const resolved of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        const event = resolved.event;
        if (!event) continue;
        const revision = Number(event.revision);
        if (event.type !== 'ProcessorCheckpointSaved') return { revision };
        const data = event.data as CheckpointEvent['data'] & { position: string; version: string; entries: Record<string, string> };
        return { revision, checkpoint: { position: data.position, version: data.version, entries: new Map(Object.entries(data.entries)) } };
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw translateEsdbError(error, stream);
    }
    return { revision: 'no-stream' };
  }
}

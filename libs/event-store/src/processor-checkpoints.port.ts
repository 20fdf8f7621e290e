import { canonicalJson } from './canonical-json';
import type { JsonValue } from './events';
import type { LogPosition } from './positions';

/**
 * What a processor that follows the log (alerting, the routing projection) keeps so that a restart
 * resumes where it stopped instead of re-reading the log (docs/architecture.md "Processors"): the
 * position it has applied everything up to, a version naming what its state means (its rules, its
 * state format; another version means "rebuild"), and its state as entries by key (a session's
 * engine, a device's binding), so that a save writes only what changed.
 */
export type ProcessorCheckpoint = { position: LogPosition; version: string; entries: Map<string, JsonValue> };

export type CheckpointUpdate = {
  position: LogPosition;
  version: string;
  /** Entries written or replaced. */
  put: ReadonlyMap<string, JsonValue>;
  /** Entries that no longer exist (an ended session leaves nothing behind). */
  remove: readonly string[];
};

/**
 * Where processors keep their checkpoints. `save` is atomic: position, version and entries change
 * together or not at all, so a processor never resumes with state ahead of or behind its position.
 * SQLite and PostgreSQL keep them in the event store's own database. Every adapter passes
 * `describeProcessorCheckpointsContract`.
 */
export interface ProcessorCheckpointStore {
  load(processor: string): Promise<ProcessorCheckpoint | undefined>;
  save(processor: string, update: CheckpointUpdate): Promise<void>;
  /** Forgets a processor's checkpoint (its state is being rebuilt from the log). */
  reset(processor: string): Promise<void>;
}

/** Every adapter stores an entry as this text; a value JSON cannot carry (NaN, Infinity) is refused, naming its key. */
export function encodeCheckpointEntries(put: ReadonlyMap<string, JsonValue>): [string, string][] {
  return [...put].map(([key, value]) => {
    try {
      return [key, canonicalJson(value)];
    } catch (error) {
      throw new Error(`checkpoint entry ${key}: ${(error as Error).message}`);
    }
  });
}

/** For stores without a database to share, and for tests: checkpoints last as long as the process. */
export class InMemoryProcessorCheckpoints implements ProcessorCheckpointStore {
  private readonly saved = new Map<string, { position: LogPosition; version: string; entries: Map<string, string> }>();

  async load(processor: string): Promise<ProcessorCheckpoint | undefined> {
    const found = this.saved.get(processor);
    if (!found) return undefined;
    // Copies through JSON, as a database would: nothing the caller holds is shared.
    return { position: found.position, version: found.version, entries: new Map([...found.entries].map(([key, text]) => [key, JSON.parse(text) as JsonValue])) };
  }

  async save(processor: string, update: CheckpointUpdate): Promise<void> {
    const entries = new Map(this.saved.get(processor)?.entries);
    const encoded = encodeCheckpointEntries(update.put);
    for (const key of update.remove) entries.delete(key);
    for (const [key, text] of encoded) entries.set(key, text);
    this.saved.set(processor, { position: update.position, version: update.version, entries });
  }

  async reset(processor: string): Promise<void> {
    this.saved.delete(processor);
  }
}

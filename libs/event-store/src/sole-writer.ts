import { LRUCache } from 'lru-cache';
import { WrongExpectedRevisionError } from './errors';
import type { AppendResult, EventStore } from './event-store.port';
import type { NewEvent } from './events';

/** Streams whose head a writer remembers; a forgotten one is read again on its next append. */
const HEADS_REMEMBERED = 10_000;

/**
 * The one writer of the streams a module owns (docs/streams.md): every append names the exact
 * revision this writer last stored, so anything else that wrote there in between (a second
 * process, a stale instance) is caught by the store as WrongExpectedRevisionError instead of
 * interleaving unseen. Appends to one stream are made one after another, in call order; appends
 * to different streams run together (the store commits them in one group).
 *
 * A conflict is counted (health shows it) and logged by the owner; the append is then retried
 * once against the revision read afresh, which is safe because the events a sole writer stores
 * have ids fixed by their content: a retry of something the other writer already stored is a
 * no-op. A second conflict in a row is thrown.
 */
export class SoleWriter {
  private readonly heads = new LRUCache<string, { revision: number }>({ max: HEADS_REMEMBERED });
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Appends that met another writer's events. */
  conflicts = 0;

  constructor(
    private readonly store: EventStore,
    private readonly onConflict: (error: WrongExpectedRevisionError) => void = () => undefined,
  ) {}

  append(stream: string, events: readonly NewEvent[]): Promise<AppendResult> {
    const previous = this.tails.get(stream) ?? Promise.resolve();
    const next = previous.then(
      () => this.appendNow(stream, events),
      () => this.appendNow(stream, events),
    );
    this.tails.set(stream, next);
    const forget = () => {
      if (this.tails.get(stream) === next) this.tails.delete(stream);
    };
    next.then(forget, forget);
    return next;
  }

  private async appendNow(stream: string, events: readonly NewEvent[]): Promise<AppendResult> {
    try {
      return await this.appendAtHead(stream, events);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      this.conflicts++;
      this.onConflict(error);
      this.heads.delete(stream);
      return this.appendAtHead(stream, events);
    }
  }

  private async appendAtHead(stream: string, events: readonly NewEvent[]): Promise<AppendResult> {
    const known = this.heads.get(stream)?.revision ?? (await this.store.streamRevision(stream));
    try {
      const result = await this.store.appendToStream(stream, events, { expectedRevision: known ?? 'no-stream' });
      // A retry of an earlier append answers with that append's revision, not the head's.
      if (result.appendedCount > 0) this.heads.set(stream, { revision: result.nextExpectedRevision });
      else this.heads.delete(stream);
      return result;
    } catch (error) {
      this.heads.delete(stream);
      throw error;
    }
  }
}

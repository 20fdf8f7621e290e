import type { LogPosition, StreamHead } from '@vigil/event-store';
import { LRUCache } from 'lru-cache';

/** What the adapter remembers of one event of a stream: enough to answer a retry without reading it. */
export type KnownEvent = { revision: number; position?: LogPosition; contentKey: string };

/** A stream as far as the adapter has read or written it: its head and the ids it holds. */
export type KnownStream = { head: StreamHead | undefined; events: Map<string, KnownEvent> };

/**
 * Streams this process has read in full, bounded by the number of events remembered. EventStoreDB
 * has no index by event id that could refuse a repeated id the way a unique constraint does in the
 * SQL stores, so the adapter keeps each stream's ids itself (docs/event-store.md "EventStoreDB").
 * It is never trusted blindly: every append names the exact revision of the head it was checked
 * against, so if another process wrote in between, the server refuses and the stream is read again.
 */
export class KnownStreams {
  private readonly cache: LRUCache<string, KnownStream>;

  constructor(maxEvents: number) {
    this.cache = new LRUCache({ maxSize: maxEvents, sizeCalculation: (stream) => Math.max(1, stream.events.size) });
  }

  get(stream: string): KnownStream | undefined {
    return this.cache.get(stream);
  }

  /** Stores (again) a stream after it changed, so its size is counted anew. */
  set(stream: string, known: KnownStream): void {
    this.cache.set(stream, known);
  }

  forget(stream: string): void {
    this.cache.delete(stream);
  }
}

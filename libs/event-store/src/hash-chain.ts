import { createHash, hash as oneShotHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { CorruptEventError } from './errors';
import type { RecordedEvent } from './events';

/**
 * Everything an event's hash covers (docs/event-store.md "Hash chain"): all of the event but the
 * chain itself and its position (positions are the adapter's, so a copied log keeps its hashes).
 * Metadata is covered (causedBy, idempotency keys, tick markers: replay depends on them).
 */
export type HashedFields = {
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: unknown;
  /** The event's metadata without `chain`. */
  metadata: unknown;
  occurredAt: string;
  recordedAt: string;
  prevHash: string | null;
};

/** Version of the canonical form below; stores record it with their data (docs/event-store.md). */
export const HASH_CHAIN_FORMAT = 2;

export function eventHash(fields: HashedFields): string {
  return eventHashOfCanonical(fields, canonicalJson(fields.data), canonicalJson(fields.metadata ?? {}));
}

/** The hash of a stored or read event, from its own fields. */
export function recordedEventHash(event: RecordedEvent): string {
  const { chain, ...metadata } = event.metadata;
  return eventHash({ ...event, metadata, prevHash: chain?.prevHash ?? null });
}

/**
 * The same hash when data and metadata are already canonical JSON (stores canonicalise each once,
 * to store, hash and compare it). The text is canonicalJson of the fields: keys in sorted order.
 */
export function eventHashOfCanonical(
  fields: Omit<HashedFields, 'data' | 'metadata'>,
  canonicalData: string,
  canonicalMetadata: string,
): string {
  const text =
    `{"data":${canonicalData},"id":${JSON.stringify(fields.id)},"metadata":${canonicalMetadata}` +
    `,"occurredAt":${JSON.stringify(fields.occurredAt)},"prevHash":${JSON.stringify(fields.prevHash)}` +
    `,"recordedAt":${JSON.stringify(fields.recordedAt)},"revision":${canonicalJson(fields.revision)},"stream":${JSON.stringify(fields.stream)}` +
    `,"type":${JSON.stringify(fields.type)}}`;
  // The one-shot form (Node 20.12+) skips building a Hash object per event: most of a hash's cost here.
  return typeof oneShotHash === 'function' ? oneShotHash('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex');
}

export type StreamVerification =
  | { ok: true; stream: string; events: number; lastHash: string | null }
  | { ok: false; stream: string; revision: number; reason: string };

/**
 * Walks a stream from revision 0 and returns the first revision whose hash or link does not hold.
 * A deleted event shows as a revision gap or a broken link; an edited one as a hash mismatch.
 */
export async function verifyStream(
  stream: string,
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
): Promise<StreamVerification> {
  let expectedRevision = 0;
  let prevHash: string | null = null;
  try {
    for await (const event of events) {
      const failure = checkLink(stream, event, expectedRevision, prevHash);
      if (failure) return failure;
      prevHash = event.metadata.chain.hash;
      expectedRevision++;
    }
  } catch (error) {
    if (error instanceof CorruptEventError) return { ok: false, stream, revision: error.revision, reason: error.message };
    throw error;
  }
  return { ok: true, stream, events: expectedRevision, lastHash: prevHash };
}

function checkLink(
  stream: string,
  event: RecordedEvent,
  expectedRevision: number,
  prevHash: string | null,
): StreamVerification | undefined {
  const fail = (reason: string): StreamVerification => ({ ok: false, stream, revision: event.revision, reason });
  if (event.stream !== stream) return fail(`event ${event.id} belongs to stream ${event.stream}`);
  if (event.revision !== expectedRevision) {
    return {
      ok: false,
      stream,
      revision: expectedRevision,
      reason: `revision ${expectedRevision} is missing (the next stored revision is ${event.revision})`,
    };
  }
  const chain = event.metadata?.chain;
  if (!chain || typeof chain.hash !== 'string') return fail('the event carries no hash');
  if (chain.prevHash !== prevHash) {
    return fail(`link broken: the event names previous hash ${String(chain.prevHash)}, but the previous event hashes to ${String(prevHash)}`);
  }
  const actual = recordedEventHash(event);
  if (actual !== chain.hash) return fail(`hash mismatch: the content hashes to ${actual}, but the event records ${chain.hash}`);
  return undefined;
}

/** Reads a stream page by page so a long session is verified in bounded memory. */
export async function* readStreamPages(
  read: (fromRevision: number, maxCount: number) => Promise<RecordedEvent[]>,
  pageSize = 1000,
): AsyncIterable<RecordedEvent> {
  let from = 0;
  for (;;) {
    const page = await read(from, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    from = page[page.length - 1]!.revision + 1;
  }
}

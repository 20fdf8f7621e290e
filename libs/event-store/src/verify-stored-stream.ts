import type { EventStore } from './event-store.port';
import { readStreamPages, verifyStream, type StreamVerification } from './hash-chain';

/** Verifies one stream's hash chain as stored, page by page. */
export function verifyStoredStream(store: EventStore, stream: string): Promise<StreamVerification> {
  return verifyStream(
    stream,
    readStreamPages((fromRevision, maxCount) => store.readStream(stream, { fromRevision, maxCount })),
  );
}

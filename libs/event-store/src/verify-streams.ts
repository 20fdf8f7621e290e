import type { RecordedEvent } from './events';
import { verifyStream, type StreamVerification } from './hash-chain';

/**
 * The chain check of a record kept in several streams, from events already read (merged in any
 * order): each stream is walked on its own, since each has its own chain. A stream with no event
 * here verifies as empty.
 */
export async function verifyEventsByStream(streams: readonly string[], events: readonly RecordedEvent[]): Promise<StreamVerification[]> {
  const byStream = new Map<string, RecordedEvent[]>(streams.map((stream) => [stream, []]));
  for (const event of events) byStream.get(event.stream)?.push(event);
  return Promise.all([...byStream].map(([stream, own]) => verifyStream(stream, [...own].sort((a, b) => a.revision - b.revision))));
}

export type RecordVerification =
  | { ok: true; events: number; streams: { stream: string; events: number; lastHash: string | null }[] }
  | { ok: false; stream: string; revision: number; reason: string; streams: StreamVerification[] };

/** Intact only when every stream is; otherwise the first failing stream names where and why. */
export function recordVerificationOf(results: readonly StreamVerification[]): RecordVerification {
  const failed = results.find((result) => !result.ok);
  if (failed && !failed.ok) return { ok: false, stream: failed.stream, revision: failed.revision, reason: failed.reason, streams: [...results] };
  const streams = results.map((result) => (result.ok ? { stream: result.stream, events: result.events, lastHash: result.lastHash } : { stream: result.stream, events: 0, lastHash: null }));
  return { ok: true, events: streams.reduce((sum, stream) => sum + stream.events, 0), streams };
}

import type { EventStore, ReadStreamOptions } from './event-store.port';
import type { RecordedEvent } from './events';

/**
 * Several streams read as one history, in log order. A record split across streams by writer
 * (docs/streams.md) is seen whole this way: the order is the store's global order, so what one
 * writer stored before another is read before it, exactly as a subscriber to all saw it.
 */
export async function readStreamsMerged(
  store: EventStore,
  streams: readonly string[],
  options: Pick<ReadStreamOptions, 'types'> = {},
): Promise<RecordedEvent[]> {
  const parts = await Promise.all(streams.map((stream) => store.readStream(stream, options)));
  return mergeInLogOrder(parts, (a, b) => store.comparePositions(a, b));
}

/** Merges lists each already in log order (one stream's events are) into one. */
export function mergeInLogOrder(parts: readonly (readonly RecordedEvent[])[], compare: EventStore['comparePositions']): RecordedEvent[] {
  const nonEmpty = parts.filter((part) => part.length > 0);
  if (nonEmpty.length === 1) return [...nonEmpty[0]!];
  const cursors = nonEmpty.map(() => 0);
  const merged: RecordedEvent[] = [];
  for (;;) {
    let pick = -1;
    for (let i = 0; i < nonEmpty.length; i++) {
      const candidate = nonEmpty[i]![cursors[i]!];
      if (!candidate) continue;
      if (pick < 0 || compare(candidate.position, nonEmpty[pick]![cursors[pick]!]!.position) < 0) pick = i;
    }
    if (pick < 0) return merged;
    merged.push(nonEmpty[pick]![cursors[pick]!]!);
    cursors[pick]!++;
  }
}

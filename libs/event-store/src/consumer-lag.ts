import type { EventStore } from './event-store.port';
import type { LogPosition } from './positions';

/**
 * How far a consumer of the log is behind its head: the events it has yet to apply (counted up to
 * `cap`, then `atLeast`) and how long the oldest of them has waited since it was stored. Positions
 * are opaque (docs/event-store.md), so the events are counted, never subtracted.
 */
export type ConsumerLag = { events: number; atLeast: boolean; seconds: number };

export async function consumerLag(store: EventStore, appliedUpTo: LogPosition, now: Date, cap = 1000): Promise<ConsumerLag> {
  const behind = await store.readAll({ afterPosition: appliedUpTo, maxCount: cap });
  const oldest = behind[0];
  return {
    events: behind.length,
    atLeast: behind.length >= cap,
    seconds: oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest.recordedAt)) / 100) / 10) : 0,
  };
}

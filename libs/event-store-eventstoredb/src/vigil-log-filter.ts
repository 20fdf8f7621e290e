/**
 * Streams of the adapter's own bookkeeping (processors' checkpoints, docs/event-store.md
 * "EventStoreDB"): in the server's $all, but not in Vigil's log.
 */
export const CHECKPOINT_STREAM_PREFIX = 'vigil-checkpoint-';

/**
 * Whether an event of the server's $all belongs to Vigil's log: not a system event (`$`-prefixed
 * stream or type: statistics, settings, projections' output), not a checkpoint.
 */
export function isVigilLogEvent(event: { streamId: string; type: string }): boolean {
  return !event.streamId.startsWith('$') && !event.type.startsWith('$') && !event.streamId.startsWith(CHECKPOINT_STREAM_PREFIX);
}

/** A stream name the port may append to: none that the filter above would hide from the log. */
export function reservedStreamProblem(stream: string): string | undefined {
  if (stream.startsWith('$')) return 'stream names starting with $ are EventStoreDB system streams';
  if (stream.startsWith(CHECKPOINT_STREAM_PREFIX)) return `stream names starting with ${CHECKPOINT_STREAM_PREFIX} hold processors' checkpoints`;
  return undefined;
}

import { LOG_START, type EventStore, type ProcessorCheckpointStore } from '@vigil/event-store';
import { RELAY_PROCESSOR } from '../relay/event-relay';

/**
 * The recorded time of the oldest stored event the relay has not put on the bus yet, from the
 * relay's own checkpoint (saved once the bus acknowledged a batch, docs/distributed.md "The relay"):
 * what the alert engine's shards cannot have seen. Undefined when the relay has published everything.
 */
export function relayBacklog(store: EventStore, checkpoints: ProcessorCheckpointStore): () => Promise<string | undefined> {
  return async () => {
    const relayed = (await checkpoints.load(RELAY_PROCESSOR))?.position ?? LOG_START;
    const [oldest] = await store.readAll({ afterPosition: relayed, maxCount: 1 });
    return oldest?.recordedAt;
  };
}

import { Logger, type Provider } from '@nestjs/common';
import { ALERTING_PARTITIONED_FEED, type PartitionClaim } from '@vigil/alerting';
import type { MessageBus } from '@vigil/bus';
import type { EventStore, ProcessorCheckpointStore } from '@vigil/event-store';
import { EVENT_STORE, PROCESSOR_CHECKPOINTS, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { BusPartitionedFeed } from '../alerting/bus-partitioned-feed';
import { relayBacklog } from '../alerting/relay-backlog';
import { eventsTopic, type DistributedConfig } from '../config/distributed-config';
import { leaseOrExit } from '../lease/lease-or-exit';
import { DISTRIBUTED_CONFIG, MESSAGE_BUS } from './tokens';

const logger = new Logger('AlertingPartitions');

/**
 * A partition's claim as a PostgreSQL advisory lock named after the schema and the partition
 * (docs/distributed.md "Alerting"): a killed owner's connection ends and frees it at once. With
 * SQLite (one host, one file) one alerting instance runs and the claim is held at once.
 */
function claimOf(config: VigilConfig): (partition: number) => PartitionClaim {
  if (config.eventStore !== 'postgres') return () => ({ held: Promise.resolve(true), release: async () => undefined });
  return (partition) => {
    const lease = leaseOrExit({ connectionString: config.pgUrl, name: `vigil-alerting:${config.pgSchema}:p${partition}`, logger, holding: `the one writing partition ${partition}'s alarms` });
    return { held: lease.acquire(), release: () => lease.release() };
  };
}

/** Alerting instances dividing the sessions by the event feed's partitions (the alerting service over Kafka). */
export const partitionedAlertingProviders: Provider[] = [
  {
    provide: ALERTING_PARTITIONED_FEED,
    useFactory: (bus: MessageBus, distributed: DistributedConfig, config: VigilConfig, store: EventStore, checkpoints: ProcessorCheckpointStore) =>
      new BusPartitionedFeed({ bus, topic: eventsTopic(distributed), groupId: `${distributed.busNamespace}vigil-alerting`, claim: claimOf(config), oldestUndelivered: relayBacklog(store, checkpoints) }),
    inject: [MESSAGE_BUS, DISTRIBUTED_CONFIG, VIGIL_CONFIG, EVENT_STORE, PROCESSOR_CHECKPOINTS],
  },
];

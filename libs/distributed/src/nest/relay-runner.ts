import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { MessageBus } from '@vigil/bus';
import { StoreLogConsumer, type EventStore, type ProcessorCheckpointStore } from '@vigil/event-store';
import { EVENT_STORE, PROCESSOR_CHECKPOINTS } from '@vigil/platform';
import { EventRelay } from '../relay/event-relay';
import { eventsTopic, type DistributedConfig } from '../config/distributed-config';
import { DISTRIBUTED_CONFIG, MESSAGE_BUS } from './tokens';

/** Runs the relay for the lifetime of the service that hosts it (docs/distributed.md "The relay"). */
@Injectable()
export class RelayRunner implements OnApplicationBootstrap, OnModuleDestroy {
  readonly relay: EventRelay;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PROCESSOR_CHECKPOINTS) checkpoints: ProcessorCheckpointStore,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(DISTRIBUTED_CONFIG) config: DistributedConfig,
  ) {
    this.relay = new EventRelay(new StoreLogConsumer(store), checkpoints, bus, eventsTopic(config));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}

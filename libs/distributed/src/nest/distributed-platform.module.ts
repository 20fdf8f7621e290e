import { Global, Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { MessageBus } from '@vigil/bus';
import { StoreLogConsumer, type EventStore } from '@vigil/event-store';
import { openEventStore, type OpenedEventStore } from '@vigil/event-store-adapters';
import { CLOCK, EVENT_STORE, LOG_CONSUMER, PROCESSOR_CHECKPOINTS, StoreWriteWatcher, SYSTEM_CONDITIONS, SystemConditions, systemClock, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { join } from 'node:path';
import { eventsTopic, type DistributedConfig } from '../config/distributed-config';
import { BusLogConsumer } from '../consumer/bus-log-consumer';
import { openMessageBus } from './open-message-bus';
import { DISTRIBUTED_CONFIG, MESSAGE_BUS } from './tokens';

export type ServicePlatformOptions = {
  readonly config: VigilConfig;
  readonly distributed: DistributedConfig;
  /**
   * How this service's processors follow the log: the store's own subscription, or the bus feed the
   * relay fills, read in the consumer group named here (docs/distributed.md "Processors over the bus").
   */
  readonly feed: { kind: 'store' } | { kind: 'bus'; groupId: string };
  /** Service-specific providers that need the platform (a lease, a relay). */
  readonly providers?: Provider[];
};

/**
 * A distributed service's infrastructure (docs/distributed.md): the event store VIGIL_EVENT_STORE
 * names, processor checkpoints in its database, the message bus VIGIL_BUS names, the log feed, the
 * system clock. The embedded app's EmbeddedPlatformModule is left as it is.
 */
@Global()
@Module({})
export class DistributedPlatformModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly writeWatcher: StoreWriteWatcher,
  ) {}

  static forRoot(options: ServicePlatformOptions): DynamicModule {
    const { config, distributed, feed } = options;
    return {
      module: DistributedPlatformModule,
      providers: [
        { provide: VIGIL_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        {
          provide: EVENT_STORE,
          useFactory: () =>
            openEventStore(config.eventStore === 'postgres' ? { kind: 'postgres', connectionString: config.pgUrl, schema: config.pgSchema } : { kind: 'sqlite', file: join(config.dataDir, 'events.sqlite') }),
        },
        { provide: PROCESSOR_CHECKPOINTS, useFactory: (store: OpenedEventStore) => store.checkpoints, inject: [EVENT_STORE] },
        { provide: MESSAGE_BUS, useFactory: () => openMessageBus(distributed) },
        {
          provide: LOG_CONSUMER,
          useFactory: (store: EventStore, bus: MessageBus) =>
            feed.kind === 'store'
              ? new StoreLogConsumer(store)
              : new BusLogConsumer({ bus, topic: eventsTopic(distributed), groupId: `${distributed.busNamespace}${feed.groupId}`, comparePositions: (a, b) => store.comparePositions(a, b), headPosition: () => store.headPosition() }),
          inject: [EVENT_STORE, MESSAGE_BUS],
        },
        { provide: DISTRIBUTED_CONFIG, useValue: distributed },
        { provide: SYSTEM_CONDITIONS, useValue: new SystemConditions() },
        { provide: StoreWriteWatcher, useFactory: (s: EventStore, c: SystemConditions) => new StoreWriteWatcher(s, c), inject: [EVENT_STORE, SYSTEM_CONDITIONS] },
        ...(options.providers ?? []),
      ],
      exports: [DISTRIBUTED_CONFIG, VIGIL_CONFIG, CLOCK, EVENT_STORE, LOG_CONSUMER, PROCESSOR_CHECKPOINTS, SYSTEM_CONDITIONS, StoreWriteWatcher, MESSAGE_BUS, ...(options.providers ?? []).map((p) => (typeof p === 'function' ? p : p.provide))],
    };
  }

  onApplicationBootstrap(): void {
    this.writeWatcher.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.writeWatcher.stop();
    await this.bus.close();
    await this.store.close();
  }
}

import { Global, Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InMemoryProcessorCheckpoints, StoreLogConsumer, type EventStore, type ProcessorCheckpointStore } from '@vigil/event-store';
import { eventStoreSelectionOf, openEventStore, type EventStoreSelection } from '@vigil/event-store-adapters';
import { CLOCK, EVENT_STORE, LOG_CONSUMER, PROCESSOR_CHECKPOINTS, StoreWriteWatcher, SYSTEM_CONDITIONS, SystemConditions, systemClock, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';

/** The adapter VIGIL_EVENT_STORE names: SQLite under the data directory (default), PostgreSQL or EventStoreDB. */
export function eventStoreSelection(config: VigilConfig): EventStoreSelection {
  return eventStoreSelectionOf(config);
}

/** Embedded mode's infrastructure: the chosen event store, the system clock, the monitor's own conditions. */
@Global()
@Module({})
export class EmbeddedPlatformModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly writeWatcher: StoreWriteWatcher,
  ) {}

  static forRoot(config: VigilConfig, store?: EventStore): DynamicModule {
    return {
      module: EmbeddedPlatformModule,
      providers: [
        { provide: VIGIL_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: EVENT_STORE, useFactory: async () => store ?? (await openEventStore(eventStoreSelection(config))) },
        {
          // The store's own database where it has one; a store given without one (tests) keeps them in memory.
          provide: PROCESSOR_CHECKPOINTS,
          useFactory: (s: EventStore & { checkpoints?: ProcessorCheckpointStore }) => s.checkpoints ?? new InMemoryProcessorCheckpoints(),
          inject: [EVENT_STORE],
        },
        // Embedded, every processor follows the store's own log; distributed mode gives another LogConsumer.
        { provide: LOG_CONSUMER, useFactory: (s: EventStore) => new StoreLogConsumer(s), inject: [EVENT_STORE] },
        { provide: SYSTEM_CONDITIONS, useValue: new SystemConditions() },
        { provide: StoreWriteWatcher, useFactory: (s: EventStore, c: SystemConditions) => new StoreWriteWatcher(s, c), inject: [EVENT_STORE, SYSTEM_CONDITIONS] },
      ],
      exports: [VIGIL_CONFIG, CLOCK, EVENT_STORE, LOG_CONSUMER, PROCESSOR_CHECKPOINTS, SYSTEM_CONDITIONS, StoreWriteWatcher],
    };
  }

  onApplicationBootstrap(): void {
    this.writeWatcher.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.writeWatcher.stop();
    await this.store.close();
  }
}

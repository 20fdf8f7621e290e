import { Global, Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SqliteEventStore, type EventStore } from '@vigil/event-store';
import { CLOCK, EVENT_STORE, StoreWriteWatcher, SYSTEM_CONDITIONS, SystemConditions, systemClock, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { join } from 'node:path';

/** Embedded mode's infrastructure: the SQLite event store under the data directory, the system clock, the monitor's own conditions. */
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
        { provide: EVENT_STORE, useFactory: () => store ?? SqliteEventStore.open(join(config.dataDir, 'events.sqlite')) },
        { provide: SYSTEM_CONDITIONS, useValue: new SystemConditions() },
        { provide: StoreWriteWatcher, useFactory: (s: EventStore, c: SystemConditions) => new StoreWriteWatcher(s, c), inject: [EVENT_STORE, SYSTEM_CONDITIONS] },
      ],
      exports: [VIGIL_CONFIG, CLOCK, EVENT_STORE, SYSTEM_CONDITIONS, StoreWriteWatcher],
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

import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { SqliteEventStore, type EventStore } from '@vigil/event-store';
import { CLOCK, EVENT_STORE, systemClock, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { join } from 'node:path';

/** Embedded mode's infrastructure: the SQLite event store under the data directory and the system clock. */
@Global()
@Module({})
export class EmbeddedPlatformModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: VigilConfig, store?: EventStore): DynamicModule {
    return {
      module: EmbeddedPlatformModule,
      providers: [
        { provide: VIGIL_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: EVENT_STORE, useFactory: () => store ?? SqliteEventStore.open(join(config.dataDir, 'events.sqlite')) },
      ],
      exports: [VIGIL_CONFIG, CLOCK, EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@vigil/event-store';
import { openEventStore, type EventStoreSelection } from '@vigil/event-store-adapters';
import { CLOCK, EVENT_STORE, systemClock, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { join } from 'node:path';

/** The adapter VIGIL_EVENT_STORE names: SQLite under the data directory (default) or PostgreSQL. */
export function eventStoreSelection(config: VigilConfig): EventStoreSelection {
  return config.eventStore === 'postgres'
    ? { kind: 'postgres', connectionString: config.pgUrl, schema: config.pgSchema }
    : { kind: 'sqlite', file: join(config.dataDir, 'events.sqlite') };
}

/** Embedded mode's infrastructure: the chosen event store and the system clock. */
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
        { provide: EVENT_STORE, useFactory: async () => store ?? (await openEventStore(eventStoreSelection(config))) },
      ],
      exports: [VIGIL_CONFIG, CLOCK, EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

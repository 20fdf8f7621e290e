import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore, ProcessorCheckpointStore } from '@vigil/event-store';
import type Database from 'better-sqlite3';
import { EVENT_STORE, PROCESSOR_CHECKPOINTS } from '@vigil/platform';
import { ruleSetProvider } from '@vigil/alerting';
import { AlarmHistoryController } from './alarm-history/alarm-history.controller';
import { AlarmHistoryService } from './alarm-history/alarm-history.service';
import { DischargePolicyController } from './http/discharge-policy.controller';
import { DashboardGateway } from './gateway/dashboard.gateway';
import { LIVE_BROADCAST_ROLE, type LiveBroadcastRole } from './gateway/live-broadcast';
import { DashboardAssets } from './http/dashboard-assets';
import { DashboardPageController } from './http/dashboard-page.controller';
import { DashboardProjection } from './projection/dashboard-projection';
import { CheckpointedSessionViewRepository } from './projection/checkpointed-session-view.repository';
import { SESSION_VIEW_REPOSITORY, type SessionViewRepository } from './projection/session-view.repository';
import { SqliteSessionViewRepository } from './projection/sqlite-session-view.repository';

/** The live dashboard (docs/architecture.md "Live dashboard"): projection, WebSocket gateway and the page at `/`. */
@Module({
  controllers: [DashboardPageController, DischargePolicyController, AlarmHistoryController],
  providers: [
    ruleSetProvider,
    {
      provide: SESSION_VIEW_REPOSITORY,
      // Views and checkpoint share the store's SQLite file and transaction when there is one; other
      // stores keep them as a processor checkpoint (PostgreSQL: the store's own schema, one
      // transaction). Recognised by shape, so this module imports no adapter (the SQLite adapter
      // exposes `database`).
      useFactory: (store: EventStore, checkpoints: ProcessorCheckpointStore): SessionViewRepository => {
        const database = (store as { database?: Database.Database }).database;
        return database ? new SqliteSessionViewRepository(database) : new CheckpointedSessionViewRepository(checkpoints);
      },
      inject: [EVENT_STORE, PROCESSOR_CHECKPOINTS],
    },
    {
      provide: DashboardProjection,
      useFactory: (store: EventStore, repository: SessionViewRepository, broadcast?: LiveBroadcastRole) => {
        const log = new Logger('DashboardProjection');
        const writesViews = broadcast?.writesViews?.bind(broadcast);
        return new DashboardProjection(store, repository, { log: { warn: (m) => log.warn(m), error: (m) => log.error(m) }, ...(writesViews ? { writesViews } : {}) });
      },
      // Present where dashboard instances share one store and one broadcast (docs/distributed.md "Dashboard").
      inject: [EVENT_STORE, SESSION_VIEW_REPOSITORY, { token: LIVE_BROADCAST_ROLE, optional: true }],
    },
    DashboardGateway,
    DashboardAssets,
    AlarmHistoryService,
  ],
  exports: [DashboardProjection],
})
export class DashboardModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(DashboardProjection) private readonly projection: DashboardProjection) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
  }

  // Before the platform module closes the store in onApplicationShutdown: the last views are saved.
  async onModuleDestroy(): Promise<void> {
    await this.projection.stop();
  }
}

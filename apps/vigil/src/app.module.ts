import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@vigil/event-store';
import type { VigilConfig } from '@vigil/platform';
import { AlertingModule } from '@vigil/alerting';
import { AuditTrailModule } from '@vigil/audit-trail';
import { AuditExportModule } from '@vigil/audit-export';
import { AuthModule } from '@vigil/auth';
import { DashboardModule } from '@vigil/dashboard';
import { IngestModule } from '@vigil/ingest';
import { ReportModule } from '@vigil/report';
import { SessionsModule } from '@vigil/sessions';
import { EmbeddedPlatformModule } from './embedded-platform.module';
import { HealthController } from './health.controller';
import { structuredLogging } from './structured-logging';

/** The embedded default: every feature module in one process over one SQLite file. */
@Module({})
export class AppModule {
  static forRoot(config: VigilConfig, store?: EventStore): DynamicModule {
    return {
      module: AppModule,
      imports: [structuredLogging(config), EmbeddedPlatformModule.forRoot(config, store), AuthModule, SessionsModule, IngestModule, AlertingModule, DashboardModule, ReportModule, AuditTrailModule, AuditExportModule],
      controllers: [HealthController],
    };
  }
}

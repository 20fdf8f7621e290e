import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertingService, ProcessingLagMonitor } from '@vigil/alerting';
import { consumerLag, type EventStore } from '@vigil/event-store';
import { DashboardProjection } from '@vigil/dashboard';
import { CLOCK, EVENT_STORE, SYSTEM_CONDITIONS, type Clock, type SystemConditions } from '@vigil/platform';
import { IngestService } from '@vigil/ingest';
import { DeviceRegistry, SessionsService } from '@vigil/sessions';
import { PublicRoute } from '@vigil/auth';

@ApiTags('health')
@PublicRoute('readiness for load balancers and gateways; names conditions, no patient data')
@Controller('api/v1/health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly alerting: AlertingService,
    private readonly lag: ProcessingLagMonitor,
    private readonly devices: DeviceRegistry,
    private readonly ingest: IngestService,
    private readonly sessions: SessionsService,
    private readonly dashboard: DashboardProjection,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SYSTEM_CONDITIONS) private readonly conditions: SystemConditions,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Ready (200) when the store records, the alert engine has caught up with the log and no reading waits longer than the bound; 503 naming each condition otherwise (starting, monitoring delayed, recording stopped, engine stopped)',
  })
  async health() {
    const alerting = this.alerting.status;
    const conditions = this.conditions.list();
    const status = alerting.failed ? 'failing' : !alerting.caughtUp ? 'starting' : conditions.length > 0 ? 'degraded' : 'ok';
    const headPosition = await this.store.headPosition();
    // Positions are opaque (docs/event-store.md): the store compares them, the answer says the result.
    const upToHead = this.store.comparePositions(alerting.position, headPosition) >= 0;
    // Each consumer of the log: events it has yet to apply and how long the oldest has waited (docs/architecture.md "Processors").
    const now = this.clock.now();
    const [alertingLag, dashboardLag, routingLag] = await Promise.all([
      consumerLag(this.store, alerting.position, now),
      consumerLag(this.store, this.dashboard.appliedStorePosition, now),
      consumerLag(this.store, this.devices.followedPosition, now),
    ]);
    const body = {
      status,
      mode: 'embedded',
      conditions,
      store: { headPosition, write: this.store.writeStatus?.() ?? { ok: true } },
      processing: { lagMs: this.lag.currentLagMs },
      routing: this.devices.cachedCount,
      // Each stream has one writer (docs/streams.md): a conflict here means something else wrote.
      writes: { readingConflicts: this.ingest.writeConflicts, alarmConflicts: alerting.alarmStreamConflicts, commands: { ...this.sessions.attempts } },
      alerting: { ...alerting, upToHead },
      processors: {
        alerting: { ...alertingLag, ...alerting.consumer },
        dashboard: { ...dashboardLag, ...this.dashboard.consumerFailures },
        routing: { ...routingLag, ...this.devices.followingFailures },
      },
    };
    // Ready means watching: an engine still replaying, stopped or behind, or a store that cannot record, is not a monitor.
    if (status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}

import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertingService, ProcessingLagMonitor } from '@vigil/alerting';
import type { EventStore } from '@vigil/event-store';
import { EVENT_STORE, SYSTEM_CONDITIONS, type SystemConditions } from '@vigil/platform';
import { DeviceRegistry } from '@vigil/sessions';
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
    const body = {
      status,
      mode: 'embedded',
      conditions,
      store: { headPosition, write: this.store.writeStatus?.() ?? { ok: true } },
      processing: { lagMs: this.lag.currentLagMs },
      routing: this.devices.cachedCount,
      alerting: { ...alerting, upToHead },
    };
    // Ready means watching: an engine still replaying, stopped or behind, or a store that cannot record, is not a monitor.
    if (status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}

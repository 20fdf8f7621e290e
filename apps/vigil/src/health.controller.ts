import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertingService } from '@vigil/alerting';
import type { EventStore } from '@vigil/event-store';
import { EVENT_STORE } from '@vigil/platform';

@ApiTags('health')
@Controller('api/v1/health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly alerting: AlertingService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Ready (200) when the event store answers and the alert engine has caught up with the log; 503 while starting or when it stopped' })
  async health() {
    const alerting = this.alerting.status;
    const status = alerting.failed ? 'failing' : alerting.caughtUp ? 'ok' : 'starting';
    const headPosition = await this.store.headPosition();
    // Positions are opaque (docs/event-store.md): the store compares them, the answer says the result.
    const upToHead = this.store.comparePositions(alerting.position, headPosition) >= 0;
    const body = { status, mode: 'embedded', store: { headPosition }, alerting: { ...alerting, upToHead } };
    // Ready means watching: an alert engine still replaying the log, or stopped, is not a monitor.
    if (status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}

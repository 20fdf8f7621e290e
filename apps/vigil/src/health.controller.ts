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
  @ApiOperation({ summary: 'Ready when the event store answers and the alert engine runs (503 otherwise)' })
  async health() {
    const alerting = this.alerting.status;
    const body = { status: alerting.failed ? 'failing' : 'ok', mode: 'embedded', store: { headPosition: await this.store.headPosition() }, alerting };
    // An alert engine that stopped is an outage for a monitoring product, not a degraded mode.
    if (alerting.failed) throw new ServiceUnavailableException(body);
    return body;
  }
}

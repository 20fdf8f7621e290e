import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@vigil/event-store';
import { EVENT_STORE } from '@vigil/platform';

@ApiTags('health')
@Controller('api/v1/health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Ready when the event store answers' })
  async health() {
    return { status: 'ok', mode: 'embedded', store: { headPosition: await this.store.headPosition() } };
  }
}

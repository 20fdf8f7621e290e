import { Body, ConflictException, Controller, Headers, HttpCode, NotFoundException, Param, Post, ServiceUnavailableException } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcknowledgingPerson, RequiresPermission, SignedInStaff, type StaffSession } from '@vigil/auth';
import { idempotencyOf } from '@vigil/platform';
import { AcknowledgeAlertDto, AlertParams } from './acknowledge-alert.dto';
import { AlertAlreadyAcknowledgedError, AlertingService, AlertingUnavailableError, AlertNotActiveError } from './alerting.service';

@ApiTags('alerts')
@Controller('api/v1/sessions/:sessionId/alerts')
export class AlertingController {
  constructor(
    private readonly alerting: AlertingService,
    private readonly person: AcknowledgingPerson,
  ) {}

  @Post(':alertId/acknowledge')
  @HttpCode(201)
  @RequiresPermission('acknowledge', 'acknowledge-with-pin')
  @ApiOperation({ summary: 'Acknowledge an alarm: stops escalation, pauses its sound for 120 s; it stays visible until it clears. From a display, with person: {username, pin}' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key (per session) answers with the first result instead of a 409' })
  async acknowledge(@Param() { sessionId, alertId }: AlertParams, @Body() body: AcknowledgeAlertDto, @SignedInStaff() staff: StaffSession, @Headers('idempotency-key') key?: string) {
    const idempotency = idempotencyOf(key, `POST /api/v1/sessions/${sessionId}/alerts/${alertId}/acknowledge`, body);
    const by = await this.person.of(staff, body.person);
    try {
      return await this.alerting.acknowledge(sessionId, alertId, by, body.note, idempotency);
    } catch (error) {
      if (error instanceof AlertNotActiveError) throw new NotFoundException(error.message);
      if (error instanceof AlertAlreadyAcknowledgedError) throw new ConflictException(error.message);
      if (error instanceof AlertingUnavailableError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}

import { Body, Controller, ForbiddenException, Headers, HttpCode, Inject, Post, UnauthorizedException, BadRequestException } from '@nestjs/common';
import { openApiSchemaOf, SYSTEM_CONDITIONS, SystemUnavailableError, type SystemConditions } from '@vigil/platform';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READING_BATCH } from '@vigil/domain';
import { GatewayRoute } from '@vigil/auth';
import { GatewayCredentials } from './gateway-credentials';
import { IngestService } from './ingest.service';
import { MAX_READINGS_PER_BATCH } from './ingest-limits';

@ApiTags('ingest')
@ApiBearerAuth()
@GatewayRoute()
@Controller('api/v1/ingest')
export class IngestController {
  constructor(
    private readonly ingest: IngestService,
    private readonly credentials: GatewayCredentials,
    @Inject(SYSTEM_CONDITIONS) private readonly conditions: SystemConditions,
  ) {}

  @Post('readings')
  @HttpCode(202)
  @ApiOperation({ summary: 'A gateway posts up to 1,000 readings; 202 once every accepted one is durable' })
  // The wire schema itself (libs/domain gateway-reading.schema.ts): the kinds, fields and ranges vendors build to.
  @ApiBody({ schema: openApiSchemaOf(READING_BATCH) })
  async readings(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    const gatewayId = this.credentials.gatewayOf(authorization);
    if (!gatewayId) throw new UnauthorizedException('a valid gateway bearer token is required (Authorization: Bearer <token>)');
    this.shedLoadWhileBehind();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw badRequest([{ field: '', message: 'the body must be a JSON object {gatewayId, readings}' }]);
    }
    const { gatewayId: claimed, readings, ...rest } = body as Record<string, unknown>;
    const errors = Object.keys(rest).map((key) => ({ field: key, message: `property ${key} is not part of a batch` }));
    if (typeof claimed !== 'string' || claimed.length === 0) errors.push({ field: 'gatewayId', message: 'gatewayId must be the gateway id the token belongs to' });
    if (!Array.isArray(readings)) errors.push({ field: 'readings', message: 'readings must be an array' });
    else if (readings.length === 0 || readings.length > MAX_READINGS_PER_BATCH) {
      errors.push({ field: 'readings', message: `readings must hold 1 to ${MAX_READINGS_PER_BATCH} readings, got ${readings.length}` });
    }
    if (typeof claimed === 'string' && claimed.length > 0 && claimed !== gatewayId) {
      throw new ForbiddenException(`this token belongs to gateway ${gatewayId}, not ${claimed}`);
    }
    if (errors.length > 0) throw badRequest(errors);
    return this.ingest.ingest(gatewayId, readings as unknown[]);
  }

  /**
   * While the alert engine is starting, or readings already wait longer than the bound, a new
   * batch is refused before anything is stored: the gateway keeps it and retries, and alarms are
   * not made later still (docs/overload-and-outages.md).
   */
  private shedLoadWhileBehind(): void {
    const behind = this.conditions.get('starting') ?? this.conditions.get('monitoring-delayed');
    if (behind) throw new SystemUnavailableError(behind, SHED_RETRY_AFTER_SECONDS);
  }
}

/** Retry-After for a gateway told to wait: about the time the engine needs to catch up. */
const SHED_RETRY_AFTER_SECONDS = 2;

function badRequest(errors: { field: string; message: string }[]) {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '),
    errors,
  });
}

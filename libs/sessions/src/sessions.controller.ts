import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sessionStreamName, SessionNotFoundError } from '@vigil/domain';
import { verifyStoredStream, type EventStore } from '@vigil/event-store';
import { EVENT_STORE } from '@vigil/platform';
import { AdministerDoseDto } from './dto/administer-dose.dto';
import { ActorDto, BindDeviceDto } from './dto/bind-device.dto';
import { EventsQueryDto, SessionIdParam, DeviceParams } from './dto/params.dto';
import { EndSessionDto, RecordInterventionDto } from './dto/record-intervention.dto';
import { StartSessionDto } from './dto/start-session.dto';
import { loadSession } from './session-stream';
import { SessionsService } from './sessions.service';

const STAFF = 'staff';

@ApiTags('sessions')
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Start a monitored session' })
  start(@Body() body: StartSessionDto) {
    return this.sessions.start(body);
  }

  @Get(':sessionId')
  @ApiOperation({ summary: "A session's current state: room, patient pseudonym, devices, doses" })
  async get(@Param() { sessionId }: SessionIdParam) {
    const { state, expectedRevision } = await loadSession(this.store, sessionId);
    if (state.status === 'none') throw new SessionNotFoundError(sessionId);
    return { ...state, devices: [...state.devices].map(([deviceId, deviceKind]) => ({ deviceId, deviceKind })), revision: expectedRevision };
  }

  @Post(':sessionId/devices')
  @ApiOperation({ summary: 'Bind an oximeter or a blood-pressure cuff to the session' })
  bind(@Param() { sessionId }: SessionIdParam, @Body() body: BindDeviceDto) {
    return this.sessions.bindDevice(sessionId, { deviceId: body.deviceId, deviceKind: body.deviceKind, by: body.by ?? STAFF });
  }

  @Delete(':sessionId/devices/:deviceId')
  @ApiOperation({ summary: 'Unbind a device from the session' })
  unbind(@Param() { sessionId, deviceId }: DeviceParams, @Query() query: ActorDto) {
    return this.sessions.unbindDevice(sessionId, deviceId, query.by ?? STAFF);
  }

  @Post(':sessionId/doses')
  @ApiOperation({ summary: 'Record a dose (a later dose is a booster)' })
  dose(@Param() { sessionId }: SessionIdParam, @Body() body: AdministerDoseDto) {
    return this.sessions.administerDose(sessionId, {
      route: body.route,
      doseMg: body.doseMg,
      ...(body.administeredAt ? { administeredAt: body.administeredAt } : {}),
      by: body.by ?? STAFF,
    });
  }

  @Post(':sessionId/interventions')
  @ApiOperation({ summary: 'Record an intervention (free text, who, when)' })
  intervene(@Param() { sessionId }: SessionIdParam, @Body() body: RecordInterventionDto) {
    return this.sessions.recordIntervention(sessionId, body);
  }

  @Post(':sessionId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the session; every bound device is released' })
  end(@Param() { sessionId }: SessionIdParam, @Body() body: EndSessionDto) {
    return this.sessions.end(sessionId, { by: body.by ?? STAFF, ...(body.reason ? { reason: body.reason } : {}) });
  }

  @Get(':sessionId/events')
  @ApiOperation({ summary: "The session's immutable event stream, in revision order" })
  async events(@Param() { sessionId }: SessionIdParam, @Query() query: EventsQueryDto) {
    const stream = sessionStreamName(sessionId);
    const events = await this.store.readStream(stream, { fromRevision: query.fromRevision ?? 0, maxCount: query.limit ?? 1000 });
    if (events.length === 0 && (await this.store.streamRevision(stream)) === undefined) throw new SessionNotFoundError(sessionId);
    return { sessionId, stream, events };
  }

  @Get(':sessionId/verify')
  @ApiOperation({ summary: "Verify the session stream's hash chain" })
  async verify(@Param() { sessionId }: SessionIdParam) {
    const stream = sessionStreamName(sessionId);
    if ((await this.store.streamRevision(stream)) === undefined) throw new SessionNotFoundError(sessionId);
    return verifyStoredStream(this.store, stream);
  }
}

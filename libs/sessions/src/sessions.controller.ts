import { BadRequestException, Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sessionStreamName, sessionStreamNames, SessionNotFoundError } from '@vigil/domain';
import { readStreamsMerged, recordVerificationOf, verifyStoredStream, type EventStore } from '@vigil/event-store';
import { EVENT_STORE } from '@vigil/platform';
import { RequiresPermission, SignedInStaff, type StaffSession } from '@vigil/auth';
import { AdministerDoseDto } from './dto/administer-dose.dto';
import { ActorDto, BindDeviceDto } from './dto/bind-device.dto';
import { SessionDirectory } from './directory/session-directory';
import { sessionQueryBounds } from './directory/session-query-bounds';
import { ListSessionsQueryDto, SESSION_PAGE_LIMIT } from './dto/list-sessions.dto';
import { EventsQueryDto, SessionIdParam, DeviceParams } from './dto/params.dto';
import { EndSessionDto, RecordInterventionDto } from './dto/record-intervention.dto';
import { StartSessionDto } from './dto/start-session.dto';
import { idempotencyOf } from './idempotency';
import { loadSession } from './session-stream';
import { SessionsService } from './sessions.service';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Makes a retry safe: the same key (per session) answers with the first result instead of recording the command again',
};

@ApiTags('sessions')
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: SessionDirectory,
  ) {}

  @Get()
  @RequiresPermission('read-record')
  @ApiOperation({ summary: 'Sessions, newest first, paged: ?status=active|ended&from=&to=&room=&limit=&offset=' })
  async list(@Query() query: ListSessionsQueryDto) {
    const bounds = sessionQueryBounds(query.from, query.to);
    if ('errors' in bounds) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: bounds.errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors: bounds.errors });
    }
    return this.directory.list({
      ...bounds,
      ...(query.status ? { status: query.status } : {}),
      ...(query.room !== undefined ? { room: query.room } : {}),
      limit: query.limit ?? SESSION_PAGE_LIMIT.default,
      offset: query.offset ?? 0,
    });
  }

  @Post()
  @RequiresPermission('start-session')
  @ApiOperation({ summary: 'Start a monitored session' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  start(@Body() body: StartSessionDto, @SignedInStaff() staff: StaffSession, @Headers('idempotency-key') key?: string) {
    return this.sessions.start(body, staff.username, idempotencyOf(key, 'POST /api/v1/sessions', body));
  }

  @Get(':sessionId')
  @RequiresPermission('read-record')
  @ApiOperation({ summary: "A session's current state: room, patient pseudonym, devices, doses" })
  async get(@Param() { sessionId }: SessionIdParam) {
    const { state, expectedRevision } = await loadSession(this.store, sessionId);
    if (state.status === 'none') throw new SessionNotFoundError(sessionId);
    return { ...state, devices: [...state.devices].map(([deviceId, deviceKind]) => ({ deviceId, deviceKind })), revision: expectedRevision };
  }

  @Post(':sessionId/devices')
  @RequiresPermission('bind-device')
  @ApiOperation({ summary: 'Bind an oximeter or a blood-pressure cuff to the session' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  bind(@Param() { sessionId }: SessionIdParam, @Body() body: BindDeviceDto, @SignedInStaff() staff: StaffSession, @Headers('idempotency-key') key?: string) {
    const idempotency = idempotencyOf(key, `POST /api/v1/sessions/${sessionId}/devices`, body);
    return this.sessions.bindDevice(sessionId, { deviceId: body.deviceId, deviceKind: body.deviceKind, by: staff.username }, idempotency);
  }

  @Delete(':sessionId/devices/:deviceId')
  @RequiresPermission('bind-device')
  @ApiOperation({ summary: 'Unbind a device from the session' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  unbind(@Param() { sessionId, deviceId }: DeviceParams, @Query() query: ActorDto, @SignedInStaff() staff: StaffSession, @Headers('idempotency-key') key?: string) {
    const idempotency = idempotencyOf(key, `DELETE /api/v1/sessions/${sessionId}/devices/${deviceId}`, query);
    return this.sessions.unbindDevice(sessionId, deviceId, staff.username, idempotency);
  }

  @Post(':sessionId/doses')
  @RequiresPermission('record-dose')
  @ApiOperation({ summary: 'Record a dose (a later dose is a booster); esketamine without a blood pressure in the 30 min before it is 409 unless confirmed' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  dose(@Param() { sessionId }: SessionIdParam, @Body() body: AdministerDoseDto, @SignedInStaff() staff: StaffSession, @Headers('idempotency-key') key?: string) {
    const idempotency = idempotencyOf(key, `POST /api/v1/sessions/${sessionId}/doses`, body);
    return this.sessions.administerDose(
      sessionId,
      {
        route: body.route,
        doseMg: body.doseMg,
        ...(body.administeredAt ? { administeredAt: body.administeredAt } : {}),
        by: staff.username,
        ...(body.drug ? { drug: body.drug } : {}),
        ...(body.confirm ? { confirm: { reason: body.confirm.reason } } : {}),
      },
      idempotency,
    );
  }

  @Post(':sessionId/interventions')
  @RequiresPermission('record-intervention')
  @ApiOperation({ summary: 'Record an intervention (free text, who, when)' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  intervene(@Param() { sessionId }: SessionIdParam, @Body() body: RecordInterventionDto, @SignedInStaff() staff: StaffSession, @Headers('idempotency-key') key?: string) {
    const input = { text: body.text, by: staff.username, ...(body.at ? { at: body.at } : {}) };
    return this.sessions.recordIntervention(sessionId, input, idempotencyOf(key, `POST /api/v1/sessions/${sessionId}/interventions`, body));
  }

  @Post(':sessionId/end')
  @HttpCode(200)
  @RequiresPermission('end-session')
  @ApiOperation({ summary: 'End the session; every bound device is released. Esketamine before the observation minimum or with vitals outside the thresholds is 409 unless confirmed' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  end(@Param() { sessionId }: SessionIdParam, @Body() body: EndSessionDto, @SignedInStaff() staff: StaffSession, @Headers('idempotency-key') key?: string) {
    const idempotency = idempotencyOf(key, `POST /api/v1/sessions/${sessionId}/end`, body);
    return this.sessions.end(
      sessionId,
      { by: staff.username, ...(body.reason ? { reason: body.reason } : {}), ...(body.confirm ? { confirm: { reason: body.confirm.reason } } : {}) },
      idempotency,
    );
  }

  @Get(':sessionId/events')
  @RequiresPermission('read-record')
  @ApiOperation({ summary: "The session's immutable record: its streams (staff commands, readings, alarms) merged in log order; each event names its stream" })
  async events(@Param() { sessionId }: SessionIdParam, @Query() query: EventsQueryDto) {
    if ((await this.store.streamRevision(sessionStreamName(sessionId))) === undefined) throw new SessionNotFoundError(sessionId);
    const history = await readStreamsMerged(this.store, sessionStreamNames(sessionId));
    const from = query.from ?? 0;
    const events = history.slice(from, from + (query.limit ?? 1000));
    // Issue 13, item 5: a page says whether more follow (and from where), not only how many there are.
    const hasMore = from + events.length < history.length;
    return { sessionId, streams: sessionStreamNames(sessionId), from, total: history.length, events, hasMore, ...(hasMore ? { nextFrom: from + events.length } : {}) };
  }

  @Get(':sessionId/verify')
  @RequiresPermission('verify')
  @ApiOperation({ summary: "Verify the hash chain of each of the session's streams; a failure names the stream, the revision and the reason" })
  async verify(@Param() { sessionId }: SessionIdParam) {
    if ((await this.store.streamRevision(sessionStreamName(sessionId))) === undefined) throw new SessionNotFoundError(sessionId);
    const results = await Promise.all(sessionStreamNames(sessionId).map((stream) => verifyStoredStream(this.store, stream)));
    return { sessionId, ...recordVerificationOf(results) };
  }
}

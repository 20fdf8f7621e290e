import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RULE_SET } from '@vigil/alerting';
import { RequiresPermission, SignedInStaff, type StaffSession } from '@vigil/auth';
import type { EventStore } from '@vigil/event-store';
import { CLOCK, EVENT_STORE, type Clock } from '@vigil/platform';
import { parseRuleSet, RuleSetValidationError, type RuleSet } from '@vigil/rules';
import type { FastifyReply } from 'fastify';
import { exportForAudit, liveRuleSet, playbackForAudit, reevaluateForAudit, replayForAudit, viewAtForAudit, type AuditReadContext } from '../audit-reads';
import { InvalidReplayWindowError, auditEventOf } from '../replay-lines';
import { AuditSessionParam, ExportQueryDto, REPLAY_PAGE_DEFAULT, ReevaluateBodyDto, ReplayQueryDto, ViewAtQueryDto } from './audit-read.dto';
import { decodeCursor, encodeCursor, InvalidCursorError } from './replay-cursor';

/**
 * The auditor's reads over HTTP (issue 13, item 5; docs/audit-export.md): read-only, each one
 * recorded in the access-audit stream under the signed-in account.
 */
@ApiTags('audit')
@Controller('api/v1/audit/sessions')
export class AuditReadController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULE_SET) private readonly ruleSet: RuleSet,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private context(staff: StaffSession): AuditReadContext {
    return { store: this.store, now: () => this.clock.now(), by: `user:${staff.username}` };
  }

  @Get(':sessionId/replay')
  @RequiresPermission('audit')
  @ApiOperation({ summary: "The session's events merged in log order, a page at a time: `hasMore` and `nextCursor` say whether and where to continue" })
  async replay(@Param() { sessionId }: AuditSessionParam, @Query() query: ReplayQueryDto, @SignedInStaff() staff: StaffSession) {
    const offset = badRequestOn(() => decodeCursor(query.cursor));
    const limit = query.limit ?? REPLAY_PAGE_DEFAULT;
    const window = { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
    const events = await badRequestOnAsync(() => replayForAudit(this.context(staff), sessionId, window, { offset, limit }));
    const page = events.slice(offset, offset + limit);
    const hasMore = offset + page.length < events.length;
    return { sessionId, events: page.map(auditEventOf), hasMore, nextCursor: hasMore ? encodeCursor(offset + page.length) : null };
  }

  @Get(':sessionId/view')
  @RequiresPermission('audit')
  @ApiOperation({ summary: "Playback: the session view (tiles, trend, alarms, acknowledgements) as the wall held it at `at`, the record's first and last moments, and each alarm moment to jump to" })
  view(@Param() { sessionId }: AuditSessionParam, @Query() query: ViewAtQueryDto, @SignedInStaff() staff: StaffSession) {
    return viewAtForAudit(this.context(staff), sessionId, query.at);
  }

  @Get(':sessionId/playback')
  @RequiresPermission('audit')
  @ApiOperation({ summary: "Playback in the browser: the session's dashboard changes, each with the time it was recorded, to fold with the wall's own evolve; the record's first and last moments; each alarm moment to jump to" })
  playback(@Param() { sessionId }: AuditSessionParam, @SignedInStaff() staff: StaffSession) {
    return playbackForAudit(this.context(staff), sessionId);
  }

  @Get(':sessionId/export')
  @RequiresPermission('audit')
  @ApiOperation({ summary: 'The session exported as NDJSON, a FHIR R4 Bundle or CSV (readings, or alarms with staff actions)' })
  async export(@Param() { sessionId }: AuditSessionParam, @Query() query: ExportQueryDto, @SignedInStaff() staff: StaffSession, @Res() reply: FastifyReply): Promise<void> {
    const files = await exportForAudit(this.context(staff), sessionId, query.format ?? 'ndjson');
    const file = files.find((candidate) => candidate.part === (query.file ?? 'readings')) ?? files[0]!;
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.name}"`)
      .header('cache-control', 'no-store')
      .send(file.content);
  }

  @Post(':sessionId/reevaluate')
  @HttpCode(200)
  @RequiresPermission('audit')
  @ApiOperation({ summary: "Run the session's recorded inputs through a rule set (the body's, or the one it was recorded under) and list the alarm transitions that differ. Changes nothing." })
  async reevaluate(@Param() { sessionId }: AuditSessionParam, @Body() body: ReevaluateBodyDto, @SignedInStaff() staff: StaffSession) {
    const given = body.rules === undefined ? undefined : badRequestOn(() => parseRuleSet(body.rules));
    const result = await reevaluateForAudit(this.context(staff), sessionId, given ? () => given : liveRuleSet(this.ruleSet));
    return { ...result, recorded: result.recorded.length, reevaluated: result.reevaluated.length };
  }
}

/** The input errors of these reads as 400s naming the field. */
function toBadRequest(error: unknown): never {
  if (error instanceof InvalidCursorError || error instanceof InvalidReplayWindowError) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: error.message, errors: [{ field: error instanceof InvalidCursorError ? 'cursor' : error.field, message: error.message }] });
  if (error instanceof RuleSetValidationError) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: error.message, errors: error.issues.map((issue) => ({ field: `rules.${issue.path}`, message: issue.reason })) });
  throw error;
}
function badRequestOn<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    return toBadRequest(error);
  }
}
const badRequestOnAsync = <T>(work: () => Promise<T>): Promise<T> => work().catch(toBadRequest);

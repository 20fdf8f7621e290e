import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RULE_SET } from '@vigil/alerting';
import { PublicRoute, RequiresPermission } from '@vigil/auth';
import type { EventStore } from '@vigil/event-store';
import { CLOCK, EVENT_STORE, VIGIL_CONFIG, type Clock, type VigilConfig } from '@vigil/platform';
import type { RuleSet } from '@vigil/rules';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { dayOverview } from '../day-overview';
import { sessionReportOf, sessionReportPdf, type ReportContext } from '../generate-report';
import type { PaperSize } from '../pdf/render-report-pdf';
import { DAY_PAGE_HTML, DAY_PAGE_SCRIPT } from './day-page';

export class ReportSessionParam {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'sessionId must be 1-64 letters, digits, - or _' })
  sessionId: string;
}

export class ReportQuery {
  @IsOptional()
  @IsIn(['a4', 'letter', 'A4', 'LETTER'], { message: 'paper must be a4 or letter' })
  paper?: string;
}

export class DayQuery {
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;
}

@ApiTags('reports')
@Controller()
export class ReportController {
  private readonly context: ReportContext;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(RULE_SET) ruleSet: RuleSet,
    @Inject(VIGIL_CONFIG) config: VigilConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.context = { store, ruleSet, clinicName: config.clinicName, now: () => clock.now() };
  }

  @Get('api/v1/sessions/:sessionId/report.pdf')
  @RequiresPermission('export')
  @ApiOperation({ summary: "The session's report for the chart (PDF; ?paper=a4|letter, default a4)" })
  @ApiProduces('application/pdf')
  async report(@Param() { sessionId }: ReportSessionParam, @Query() query: ReportQuery, @Res() reply: FastifyReply): Promise<void> {
    const paper: PaperSize = query.paper?.toLowerCase() === 'letter' ? 'LETTER' : 'A4';
    const pdf = await sessionReportPdf(this.context, sessionId, paper);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="vigil-session-${sessionId}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  @Get('api/v1/sessions/:sessionId/record')
  @RequiresPermission('read-record')
  @ApiOperation({ summary: "The session's full record as the report reads it (vitals, doses, interventions, alarms with acknowledgements): the read-only session view of an ended session" })
  record(@Param() { sessionId }: ReportSessionParam) {
    return sessionReportOf(this.context, sessionId);
  }

  @Get('api/v1/reports/day')
  @RequiresPermission('export')
  @ApiOperation({ summary: "The day's sessions (UTC date, default today): duration, alarms by priority, REMS fields missing, report links" })
  day(@Query() query: DayQuery) {
    return dayOverview(this.context, query.date ?? this.context.now().toISOString().slice(0, 10));
  }

  @Get('reports/day')
  @PublicRoute('the day overview page: static HTML; its data comes from /api/v1/reports/day')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  @ApiOperation({ summary: 'The day overview page' })
  dayPage(): string {
    return DAY_PAGE_HTML;
  }

  @Get('reports/day.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  @PublicRoute('the day overview page\'s script: static')
  @ApiOperation({ summary: 'The day overview page\'s script' })
  dayPageScript(): string {
    return DAY_PAGE_SCRIPT;
  }
}

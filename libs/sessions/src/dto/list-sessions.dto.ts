import { ApiPropertyOptional } from '@nestjs/swagger';
import { TextField } from '@vigil/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { SESSION_LIST_STATUSES, type SessionListStatus } from '../directory/session-summaries';

/** A time with a zone, or a plain UTC date that stands for the whole day (see directory/session-query-bounds.ts). */
const TIME_OR_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))?$/;
const TIME_OR_DATE_REASON = 'must be a date YYYY-MM-DD (UTC, the whole day) or an ISO 8601 time with a zone, such as 2026-12-01T08:00:00Z';

export const SESSION_PAGE_LIMIT = { default: 50, max: 500 } as const;

export class ListSessionsQueryDto {
  @ApiPropertyOptional({ enum: SESSION_LIST_STATUSES, description: 'active or ended; both when absent' })
  @IsOptional()
  @IsIn(SESSION_LIST_STATUSES, { message: `status must be one of ${SESSION_LIST_STATUSES.join(', ')}` })
  status?: SessionListStatus;

  @ApiPropertyOptional({ description: 'Sessions started at or after this time (a date: from its start, UTC)' })
  @IsOptional()
  @Matches(TIME_OR_DATE, { message: `from ${TIME_OR_DATE_REASON}` })
  from?: string;

  @ApiPropertyOptional({ description: 'Sessions started before this time (a date: up to its end, UTC)' })
  @IsOptional()
  @Matches(TIME_OR_DATE, { message: `to ${TIME_OR_DATE_REASON}` })
  to?: string;

  @ApiPropertyOptional({ description: 'Only this room (whole name, case ignored)' })
  @IsOptional()
  @TextField()
  room?: string;

  @ApiPropertyOptional({ description: `Page size (1-${SESSION_PAGE_LIMIT.max}, default ${SESSION_PAGE_LIMIT.default})` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(SESSION_PAGE_LIMIT.max, { message: `limit must be at most ${SESSION_PAGE_LIMIT.max}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'Sessions to skip (newest first), default 0' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be an integer' })
  @Min(0, { message: 'offset must be 0 or more' })
  offset?: number;
}

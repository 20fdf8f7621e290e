import { ApiPropertyOptional } from '@nestjs/swagger';
import { IdField } from '@vigil/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Max, Min } from 'class-validator';
import { EXPORT_FORMATS } from '../export-formats';

export class AuditSessionParam {
  @IdField('sessionId')
  sessionId: string;
}

export const REPLAY_PAGE_DEFAULT = 1000;
export const REPLAY_PAGE_MAX = 10_000;

export class ReplayQueryDto {
  @ApiPropertyOptional({ description: 'Where to continue: the nextCursor of the previous page (omit for the first page)' })
  @IsOptional()
  @IsString({ message: 'cursor must be a string' })
  cursor?: string;

  @ApiPropertyOptional({ description: `At most this many events (1-${REPLAY_PAGE_MAX}, default ${REPLAY_PAGE_DEFAULT})` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(REPLAY_PAGE_MAX, { message: `limit must be at most ${REPLAY_PAGE_MAX}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'Only events recorded at or after this ISO 8601 time' })
  @IsOptional()
  @IsString({ message: 'from must be an ISO 8601 time' })
  from?: string;

  @ApiPropertyOptional({ description: 'Only events recorded at or before this ISO 8601 time' })
  @IsOptional()
  @IsString({ message: 'to must be an ISO 8601 time' })
  to?: string;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'ndjson (default), fhir (an R4 Bundle) or csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format?: (typeof EXPORT_FORMATS)[number];

  @ApiPropertyOptional({ enum: ['readings', 'alarms-and-actions'], description: 'csv only: which of its two files (default readings)' })
  @IsOptional()
  @IsIn(['readings', 'alarms-and-actions'], { message: 'file must be readings or alarms-and-actions' })
  file?: 'readings' | 'alarms-and-actions';
}

export class ReevaluateBodyDto {
  @ApiPropertyOptional({ description: 'A rule set (the JSON of a rules file); omitted: the version the session was recorded under' })
  @IsOptional()
  @IsObject({ message: 'rules must be a rule-set object' })
  rules?: Record<string, unknown>;
}

export class ViewAtQueryDto {
  @ApiPropertyOptional({ description: 'The moment to show (ISO 8601); default the end of the record' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 time' })
  at?: string;
}

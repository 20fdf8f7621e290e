import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RequiresPermission } from '@vigil/auth';
import { AlarmHistoryService } from './alarm-history.service';

export class AlarmHistoryQuery {
  @ApiPropertyOptional({ description: 'Hours back from now (1-168, default 24)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'hours must be an integer' })
  @Min(1, { message: 'hours must be at least 1' })
  @Max(168, { message: 'hours must be at most 168' })
  hours?: number;
}

@ApiTags('alarms')
@Controller('api/v1/alarms')
export class AlarmHistoryController {
  constructor(private readonly history: AlarmHistoryService) {}

  @Get('history')
  // The wall's alarm history: what a display watches, and what the record holds.
  @RequiresPermission('watch', 'read-record')
  @ApiOperation({ summary: 'Alarms across patients raised in the last hours (default 24) or still active: room, priority, raise, acknowledgements (who), clear; newest first' })
  list(@Query() query: AlarmHistoryQuery) {
    return this.history.lastHours(query.hours ?? 24);
  }
}

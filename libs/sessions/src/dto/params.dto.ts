import { IdField } from '@vigil/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ActorDto } from './bind-device.dto';

export class SessionIdParam {
  @IdField('sessionId')
  sessionId: string;
}

export class DeviceParams extends SessionIdParam {
  @IdField('deviceId')
  deviceId: string;
}

export class EventsQueryDto {
  @ApiPropertyOptional({ description: "First event to return, as a 0-based offset in the session's history (its streams merged in log order; the history only grows at its end, so offsets are stable)" })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'from must be an integer' })
  @Min(0, { message: 'from must be 0 or more' })
  from?: number;

  @ApiPropertyOptional({ description: 'At most this many events (1-10000, default 1000)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(10_000, { message: 'limit must be at most 10000' })
  limit?: number;
}

export { ActorDto };

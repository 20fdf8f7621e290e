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
  @ApiPropertyOptional({ description: 'First revision to return (0-based)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'fromRevision must be an integer' })
  @Min(0, { message: 'fromRevision must be 0 or more' })
  fromRevision?: number;

  @ApiPropertyOptional({ description: 'At most this many events (1-10000, default 1000)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(10_000, { message: 'limit must be at most 10000' })
  limit?: number;
}

export { ActorDto };

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ActorDto } from './bind-device.dto';

export class SessionIdParam {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'sessionId must be 1-64 letters, digits, - or _' })
  sessionId: string;
}

export class DeviceParams extends SessionIdParam {
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'deviceId must be 1-64 letters, digits, . _ : or -' })
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

import { IdField, TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEVICE_KINDS, type DeviceKind } from '@vigil/domain';
import { IsIn, IsOptional } from 'class-validator';

export class BindDeviceDto {
  @ApiProperty({ example: 'ox-1' })
  @IdField('deviceId')
  deviceId: string;

  @ApiProperty({ enum: DEVICE_KINDS })
  @IsIn(DEVICE_KINDS, { message: `deviceKind must be one of ${DEVICE_KINDS.join(', ')}` })
  deviceKind: DeviceKind;

  /** Accepted for older clients and ignored: the signed-in account is who acted (docs/security.md). */
  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the signed-in account is recorded as by' })
  @IsOptional()
  @TextField()
  by?: string;
}

export class ActorDto {
  /** Accepted for older clients and ignored: the signed-in account is who acted (docs/security.md). */
  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the signed-in account is recorded as by' })
  @IsOptional()
  @TextField()
  by?: string;
}

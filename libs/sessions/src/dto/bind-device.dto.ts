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

  @ApiPropertyOptional({ example: 'nurse Kim' })
  @IsOptional()
  @TextField()
  by?: string;
}

export class ActorDto {
  @ApiPropertyOptional({ example: 'nurse Kim' })
  @IsOptional()
  @TextField()
  by?: string;
}

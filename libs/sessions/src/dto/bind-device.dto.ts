import { TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEVICE_KINDS, type DeviceKind } from '@vigil/domain';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class BindDeviceDto {
  @ApiProperty({ example: 'ox-1' })
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'deviceId must be 1-64 letters, digits, . _ : or -' })
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

import { TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class AcknowledgeAlertDto {
  @ApiProperty({ example: 'nurse Kim' })
  @TextField()
  by: string;

  @ApiPropertyOptional({ example: 'Patient repositioned; SpO2 recovering' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AlertParams {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'sessionId must be 1-64 letters, digits, - or _' })
  sessionId: string;

  @Matches(/^[A-Za-z0-9_.:~%-]{1,200}$/, { message: 'alertId must be an alert id such as alert~s1~spo2-low~2026-11-29T10:00:15.000Z' })
  alertId: string;
}

import { IdField, NoteField, TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

/** The person acknowledging on a shared display (docs/security.md, "Display PIN"). */
export class AcknowledgingPersonDto {
  @ApiProperty({ example: 'kim' })
  @IsString({ message: 'username must be a string' })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'username must be an account name' })
  username: string;

  @ApiProperty({ example: '4821' })
  @IsString({ message: 'pin must be a string of digits' })
  @Matches(/^\d{4,12}$/, { message: 'pin must be 4 to 12 digits' })
  pin: string;
}

export class AcknowledgeAlertDto {
  @ApiPropertyOptional({ type: AcknowledgingPersonDto, description: 'On a display session: who acknowledges, with their PIN' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AcknowledgingPersonDto)
  person?: AcknowledgingPersonDto;

  /** Accepted for older clients and ignored: the signed-in account is who acknowledged (docs/security.md). */
  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the signed-in account is recorded' })
  @IsOptional()
  @TextField()
  by?: string;

  @ApiPropertyOptional({ example: 'Patient repositioned; SpO2 recovering' })
  @IsOptional()
  @NoteField(2000)
  note?: string;
}

export class AlertParams {
  @IdField('sessionId')
  sessionId: string;

  @IdField('alertId')
  alertId: string;
}

import { TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ConfirmDto } from './confirm.dto';

export class RecordInterventionDto {
  @ApiProperty({ example: 'Reassured patient; repositioned the oximeter probe' })
  @TextField(2000)
  text: string;

  @ApiProperty({ example: 'nurse Kim' })
  @TextField()
  by: string;

  @ApiPropertyOptional({ description: 'When it happened (ISO 8601); defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 time' })
  at?: string;
}

export class EndSessionDto {
  @ApiPropertyOptional({ example: 'Dr Reyes' })
  @IsOptional()
  @TextField()
  by?: string;

  @ApiPropertyOptional({ example: 'discharged' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ type: ConfirmDto, description: 'Confirms ending despite what a safeguard found (observation minimum, vitals outside the thresholds)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConfirmDto)
  confirm?: ConfirmDto;
}

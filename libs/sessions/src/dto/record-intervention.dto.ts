import { ClinicalTimeField, NoteField, TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { ConfirmDto } from './confirm.dto';

export class RecordInterventionDto {
  @ApiProperty({ example: 'Reassured patient; repositioned the oximeter probe' })
  @NoteField(2000)
  text: string;

  /** Accepted for older clients and ignored: the signed-in account is who acted (docs/security.md). */
  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the signed-in account is recorded as by' })
  @IsOptional()
  @TextField()
  by?: string;

  @ApiPropertyOptional({ description: 'When it happened (ISO 8601); defaults to now' })
  @IsOptional()
  @ClinicalTimeField()
  at?: string;
}

export class EndSessionDto {
  /** Accepted for older clients and ignored: the signed-in account is who acted (docs/security.md). */
  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the signed-in account is recorded as by' })
  @IsOptional()
  @TextField()
  by?: string;

  @ApiPropertyOptional({ example: 'discharged' })
  @IsOptional()
  @NoteField(500)
  reason?: string;

  @ApiPropertyOptional({ type: ConfirmDto, description: 'Confirms ending despite what a safeguard found (observation minimum, vitals outside the thresholds)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConfirmDto)
  confirm?: ConfirmDto;
}

import { IdField, NoteField, TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

export class AcknowledgeAlertDto {
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

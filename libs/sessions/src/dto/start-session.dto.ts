import { ClinicalTimeField, IdField, TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

export class StartSessionDto {
  @ApiPropertyOptional({ description: 'Client-chosen id (letters, digits, - and _); generated when absent', example: 'room2-2026-11-29' })
  @IsOptional()
  @IdField('sessionId')
  sessionId?: string;

  @ApiProperty({ example: 'Room 2' })
  @TextField()
  room: string;

  @ApiProperty({ description: 'A pseudonym, never the patient’s name', example: 'P-0042' })
  @TextField()
  patientPseudonym: string;

  @ApiProperty({ example: 'Dr Reyes' })
  @TextField()
  clinician: string;

  @ApiPropertyOptional({ description: 'When the session started (ISO 8601); defaults to now' })
  @IsOptional()
  @ClinicalTimeField()
  at?: string;
}

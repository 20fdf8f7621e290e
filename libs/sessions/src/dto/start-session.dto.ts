import { TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class StartSessionDto {
  @ApiPropertyOptional({ description: 'Client-chosen id (letters, digits, - and _); generated when absent', example: 'room2-2026-11-29' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'sessionId must be 1-64 letters, digits, - or _' })
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
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 time' })
  at?: string;
}

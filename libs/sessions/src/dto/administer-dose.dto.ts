import { ClinicalTimeField, TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOSE_ROUTES, type DoseRoute } from '@vigil/domain';
import { IsIn, IsNumber, IsOptional, IsPositive, Max } from 'class-validator';

export class AdministerDoseDto {
  @ApiProperty({ enum: DOSE_ROUTES })
  @IsIn(DOSE_ROUTES, { message: `route must be one of ${DOSE_ROUTES.join(', ')}` })
  route: DoseRoute;

  @ApiProperty({ example: 200, description: 'Dose in mg' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'doseMg must be a number of milligrams' })
  @IsPositive({ message: 'doseMg must be greater than 0' })
  // Above any KAP or anaesthetic dose (clinical-sources.md §2.2: oral up to 300 mg fixed): a typo guard.
  @Max(1000, { message: 'doseMg must be at most 1000 mg' })
  doseMg: number;

  @ApiPropertyOptional({ description: 'When the dose was given (ISO 8601); defaults to now' })
  @IsOptional()
  @ClinicalTimeField()
  administeredAt?: string;

  @ApiPropertyOptional({ example: 'Dr Reyes' })
  @IsOptional()
  @TextField()
  by?: string;
}

import { ClinicalTimeField, TextField } from '@vigil/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOSE_ROUTES, DRUGS, type DoseRoute, type Drug } from '@vigil/domain';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsPositive, Max, ValidateNested } from 'class-validator';
import { ConfirmDto } from './confirm.dto';

export class AdministerDoseDto {
  @ApiProperty({ enum: DOSE_ROUTES })
  @IsIn(DOSE_ROUTES, { message: `route must be one of ${DOSE_ROUTES.join(', ')}` })
  route: DoseRoute;

  @ApiProperty({ example: 200, description: 'Dose in mg' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'doseMg must be a number of milligrams' })
  @IsPositive({ message: 'doseMg must be greater than 0' })
  // Above any KAP or anaesthetic dose (docs/clinical-sources.md §2.2: oral up to 300 mg fixed): a typo guard.
  @Max(1000, { message: 'doseMg must be at most 1000 mg' })
  doseMg: number;

  @ApiPropertyOptional({ description: 'When the dose was given (ISO 8601); defaults to now' })
  @IsOptional()
  @ClinicalTimeField()
  administeredAt?: string;

  /** Accepted for older clients and ignored: the signed-in account is who acted (docs/security.md). */
  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the signed-in account is recorded as by' })
  @IsOptional()
  @TextField()
  by?: string;

  @ApiPropertyOptional({ enum: DRUGS, default: 'ketamine', description: 'esketamine (Spravato) sessions fall under the REMS safeguards' })
  @IsOptional()
  @IsIn(DRUGS, { message: `drug must be one of ${DRUGS.join(', ')}` })
  drug?: Drug;

  @ApiPropertyOptional({ type: ConfirmDto, description: 'Confirms the dose despite what a safeguard found missing (409 names it)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConfirmDto)
  confirm?: ConfirmDto;
}

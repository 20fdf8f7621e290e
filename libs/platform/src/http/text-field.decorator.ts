import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A required free-text field (a name, a room, a note) with its length limit: one rule, one place. */
export const TextField = (maxLength = 100) => applyDecorators(IsString(), IsNotEmpty(), MaxLength(maxLength));

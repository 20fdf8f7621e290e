import { applyDecorators } from '@nestjs/common';
import { unsafeTextProblem } from '@vigil/domain';
import { IsNotEmpty, IsString, MaxLength, ValidateBy } from 'class-validator';

const SafeText = (multiline: boolean) =>
  ValidateBy({
    name: multiline ? 'is-safe-note' : 'is-safe-text',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || unsafeTextProblem(value, multiline) === undefined,
      defaultMessage: (args) => `${args?.property ?? 'text'} ${unsafeTextProblem(String(args?.value), multiline) ?? 'is not allowed'}`,
    },
  });

/** A required single-line text field (a name, a room, a pseudonym) with its length limit: one rule, one place. */
export const TextField = (maxLength = 100) => applyDecorators(IsString(), IsNotEmpty(), MaxLength(maxLength), SafeText(false));

/** A free-text note: line breaks and tabs allowed, other control and bidi characters not. */
export const NoteField = (maxLength = 2000) => applyDecorators(IsString(), IsNotEmpty(), MaxLength(maxLength), SafeText(true));

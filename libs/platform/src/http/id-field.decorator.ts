import { idProblem, type IdKind } from '@vigil/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A DTO field holding an id of one kind, checked by the rules every entry point shares (docs/identifiers.md). */
export const IdField = (kind: IdKind, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: `is-${kind}`,
      validator: {
        validate: (value: unknown) => idProblem(kind, value) === undefined,
        defaultMessage: (args) => idProblem(kind, args?.value) ?? `${kind} is invalid`,
      },
    },
    options,
  );

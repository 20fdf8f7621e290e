import { ConflictError } from '@vigil/platform';

/** Optimistic concurrency kept failing after the bounded retries: the caller may try again. */
export class ConcurrencyConflictError extends ConflictError {
  constructor(readonly stream: string, readonly attempts: number) {
    super(`stream ${stream} kept changing under ${attempts} attempts to write it; try again`);
    this.name = 'ConcurrencyConflictError';
  }
}

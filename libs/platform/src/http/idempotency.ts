import { BadRequestException } from '@nestjs/common';
import { idProblem } from '@vigil/domain';
import { canonicalJson } from '@vigil/event-store';
import { ConflictError } from './domain-errors.filter';
import { createHash } from 'node:crypto';

/**
 * An `Idempotency-Key` header makes a staff command safe to retry after a lost answer: the retry
 * gets the first answer back instead of recording a second dose (a "booster" that would extend the
 * dissociative window) or a second acknowledgement. The key is scoped to the session; the
 * request's hash guards against a key reused for a different request.
 */
export type Idempotency = { key: string; requestHash: string };

export function idempotencyOf(header: string | undefined, route: string, body: unknown): Idempotency | undefined {
  if (header === undefined || header === '') return undefined;
  const problem = idProblem('idempotencyKey', header);
  if (problem !== undefined) {
    const reason = problem.replace(/^idempotencyKey /, '');
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `Idempotency-Key ${reason}`, errors: [{ field: 'Idempotency-Key', message: reason }] });
  }
  return { key: header, requestHash: createHash('sha256').update(`${route}\u001f${canonicalJson(body ?? {})}`).digest('hex') };
}

export class IdempotencyKeyReusedError extends ConflictError {
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used in this session for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

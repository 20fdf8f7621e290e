import { BadRequestException } from '@nestjs/common';
import { canonicalJson } from '@vigil/event-store';
import { ConflictError, deterministicId } from '@vigil/platform';
import { createHash } from 'node:crypto';

/**
 * An `Idempotency-Key` header makes a staff command safe to retry after a lost answer: the retry
 * gets the first answer back instead of recording a second dose (a "booster" that would extend the
 * dissociative window). The key is scoped to the session; the request's hash guards against a key
 * reused for a different request.
 */
export type Idempotency = { key: string; requestHash: string };

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function idempotencyOf(header: string | undefined, route: string, body: unknown): Idempotency | undefined {
  if (header === undefined || header === '') return undefined;
  if (!KEY.test(header)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Idempotency-Key must be 8-128 letters, digits, . _ : or - (a UUID is ideal)',
      errors: [{ field: 'Idempotency-Key', message: 'must be 8-128 letters, digits, . _ : or -' }],
    });
  }
  return { key: header, requestHash: createHash('sha256').update(`${route}\u001f${canonicalJson(body ?? {})}`).digest('hex') };
}

/** A session started with a key and no id gets an id derived from the key, so its retry finds it. */
export const sessionIdForKey = (key: string): string => deterministicId('session-start', key);

export class IdempotencyKeyReusedError extends ConflictError {
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used in this session for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

import { deterministicId } from '@vigil/platform';

export { IdempotencyKeyReusedError, idempotencyOf, type Idempotency } from '@vigil/platform';

/** A session started with a key and no id gets an id derived from the key, so its retry finds it. */
export const sessionIdForKey = (key: string): string => deterministicId('session-start', key);

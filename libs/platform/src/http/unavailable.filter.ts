import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { StoreUnavailableError } from '@vigil/event-store';
import type { FastifyReply } from 'fastify';
import type { SystemCondition } from '../system-conditions';

/** The monitor cannot take this request now (overload, start-up); the client should retry later. */
export class SystemUnavailableError extends Error {
  constructor(
    readonly condition: SystemCondition,
    readonly retryAfterSeconds: number,
  ) {
    super(condition.message);
    this.name = 'SystemUnavailableError';
  }
}

/** Seconds a client waits before retrying after the store failed to commit. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * 503 with Retry-After and the reason, never a bare 500: gateways keep their readings and retry,
 * and nothing acknowledged before is touched (docs/overload-and-outages.md).
 */
@Catch(StoreUnavailableError, SystemUnavailableError)
export class UnavailableFilter implements ExceptionFilter {
  constructor(private readonly onStoreUnavailable: (error: StoreUnavailableError) => void = () => undefined) {}

  catch(error: StoreUnavailableError | SystemUnavailableError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof StoreUnavailableError) this.onStoreUnavailable(error);
    const retryAfter = error instanceof SystemUnavailableError ? error.retryAfterSeconds : STORE_RETRY_AFTER_SECONDS;
    const reason = error instanceof SystemUnavailableError ? error.condition.code : `recording-stopped: ${error.reason}`;
    void reply
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .header('retry-after', String(retryAfter))
      .send({
        statusCode: 503,
        error: 'Service Unavailable',
        reason,
        message: error instanceof SystemUnavailableError ? error.message : `${error.message}; nothing of this request was recorded, retry after ${retryAfter} s`,
        ...(error instanceof SystemUnavailableError ? { condition: error.condition } : {}),
      });
  }
}

import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/** Node's error when a client goes away mid-request (an aborted upload): nothing to answer. */
const isClientAbort = (error: unknown): boolean =>
  error instanceof Error && ((error as { code?: string }).code === 'ECONNRESET' || error.message === 'aborted');

/**
 * A client that hangs up mid-upload is an everyday event on a clinic network, not a server fault:
 * one log line, no stack trace. Everything else goes to Nest's own handling unchanged.
 */
@Catch()
export class ClientAbortFilter extends BaseExceptionFilter {
  private readonly log = new Logger('Http');

  override catch(error: unknown, host: ArgumentsHost): void {
    if (!isClientAbort(error)) return super.catch(error, host);
    const request = host.switchToHttp().getRequest<{ method?: string; url?: string; ip?: string }>();
    this.log.warn(`client closed the connection before its request was complete: ${request?.method ?? '?'} ${request?.url ?? '?'} from ${request?.ip ?? '?'}`);
  }
}

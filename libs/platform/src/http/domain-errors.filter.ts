import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { ConfirmationRequiredError, InvalidCommandError, InvalidIdError, SessionNotFoundError, SessionRuleViolation } from '@vigil/domain';
import { EventIdConflictError, WrongExpectedRevisionError } from '@vigil/event-store';
import type { FastifyReply } from 'fastify';

/** Conflict errors thrown by application services that are not domain rule violations. */
export class ConflictError extends Error {}

/**
 * Maps typed rejections to HTTP: an unknown session is 404, a bad field 400, an illegal transition
 * or a concurrency conflict left after the bounded retry 409. Each answer says what and why.
 */
@Catch(SessionRuleViolation, WrongExpectedRevisionError, EventIdConflictError, ConflictError, InvalidIdError)
export class DomainErrorsFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status =
      error instanceof SessionNotFoundError
        ? HttpStatus.NOT_FOUND
        : error instanceof InvalidCommandError || error instanceof InvalidIdError
          ? HttpStatus.BAD_REQUEST
          : HttpStatus.CONFLICT;
    const body: Record<string, unknown> = {
      statusCode: status,
      error: status === 404 ? 'Not Found' : status === 400 ? 'Bad Request' : 'Conflict',
      message: error.message,
    };
    if (error instanceof SessionRuleViolation) body.code = error.code;
    // The client repeats the command with `confirm: {reason}` once the clinician has read these.
    if (error instanceof ConfirmationRequiredError) body.missing = error.missing;
    if (error instanceof InvalidCommandError) body.errors = [{ field: error.field, message: error.reason }];
    if (error instanceof InvalidIdError) body.errors = [{ field: error.field, message: error.reason }];
    void reply.status(status).send(body);
  }
}

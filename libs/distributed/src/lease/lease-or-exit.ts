import type { Logger } from '@nestjs/common';
import { PgAdvisoryLease } from './pg-advisory-lease';

/**
 * A lease whose holder exits (code 75, EX_TEMPFAIL) the moment it is lost: another instance may
 * take it at once, so this one must stop acting now, and a restart by the supervisor is the only
 * state known to be clean (docs/distributed.md "Alerting", "The relay").
 */
export function leaseOrExit(options: { connectionString: string; name: string; logger: Logger; holding: string }): PgAdvisoryLease {
  return new PgAdvisoryLease({
    connectionString: options.connectionString,
    name: options.name,
    onLost: (error) => {
      options.logger.fatal(`lease ${options.name} lost (${error.message}): exiting, as another instance may now be ${options.holding}`);
      process.exit(75);
    },
  });
}

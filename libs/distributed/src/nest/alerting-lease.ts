import { Inject, Injectable, Logger, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { ALERTING_START_GATE } from '@vigil/alerting';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { PgAdvisoryLease } from '../lease/pg-advisory-lease';

/**
 * One alerting instance at a time computes alarms; the others wait as hot standbys
 * (docs/distributed.md "Alerting"). The lease is a PostgreSQL advisory lock named after the schema;
 * with SQLite (one machine, one file) there is one alerting process and no lease.
 */
@Injectable()
export class AlertingLease implements OnModuleDestroy {
  private readonly lease: PgAdvisoryLease | undefined;
  private readonly logger = new Logger('AlertingLease');

  constructor(@Inject(VIGIL_CONFIG) config: VigilConfig) {
    this.lease =
      config.eventStore === 'postgres'
        ? new PgAdvisoryLease({
            connectionString: config.pgUrl,
            name: `vigil-alerting:${config.pgSchema}`,
            onLost: (error) => {
              // Another instance may take the lease at once: this one must stop writing alarms now,
              // and a restart (by the supervisor) is the only state known to be clean.
              this.logger.fatal(`alerting lease lost (${error.message}): exiting so that only the new holder writes alarms`);
              process.exit(75);
            },
          })
        : undefined;
  }

  /** True once this instance leads; false if the app stops first. */
  async acquire(): Promise<boolean> {
    if (!this.lease) return true;
    this.logger.log('waiting for the alerting lease (hot standby until then)');
    const held = await this.lease.acquire();
    if (held) this.logger.log('holding the alerting lease: starting the alert engine');
    return held;
  }

  async onModuleDestroy(): Promise<void> {
    await this.lease?.release();
  }
}

export const alertingLeaseProviders: Provider[] = [
  AlertingLease,
  { provide: ALERTING_START_GATE, useFactory: (lease: AlertingLease) => () => lease.acquire(), inject: [AlertingLease] },
];

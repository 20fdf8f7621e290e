import { Inject, Injectable, Logger, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { ALERTING_START_GATE } from '@vigil/alerting';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { leaseOrExit } from '../lease/lease-or-exit';
import type { PgAdvisoryLease } from '../lease/pg-advisory-lease';

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
        ? leaseOrExit({ connectionString: config.pgUrl, name: `vigil-alerting:${config.pgSchema}`, logger: this.logger, holding: 'the one writing alarms' })
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

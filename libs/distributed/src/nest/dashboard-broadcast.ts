import type { INestApplication, Provider } from '@nestjs/common';
import { LIVE_BROADCAST_ROLE } from '@vigil/dashboard';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import type { DistributedConfig } from '../config/distributed-config';
import { DashboardBroadcastLease } from './dashboard-broadcast-lease';
import { RedisIoAdapter } from './redis-io-adapter';
import { DISTRIBUTED_CONFIG } from './tokens';

/**
 * The dashboard service's shared live broadcast, when VIGIL_REDIS_URL is set (docs/distributed.md
 * "Dashboard"): the lease-holding broadcaster as the gateway's LiveBroadcastRole, and the Redis
 * adapter on its socket.io server. Without it each instance broadcasts to its own clients.
 */
export const dashboardBroadcast = {
  providers(distributed: DistributedConfig): Provider[] {
    if (!distributed.redisUrl) return [];
    const redisUrl = distributed.redisUrl;
    return [
      {
        provide: DashboardBroadcastLease,
        useFactory: (config: VigilConfig, d: DistributedConfig) => new DashboardBroadcastLease({ redisUrl, pgUrl: config.pgUrl, pgSchema: config.pgSchema, namespace: d.busNamespace }),
        inject: [VIGIL_CONFIG, DISTRIBUTED_CONFIG],
      },
      { provide: LIVE_BROADCAST_ROLE, useExisting: DashboardBroadcastLease },
    ];
  },

  problems(config: VigilConfig, distributed: DistributedConfig): string[] {
    return distributed.redisUrl && config.eventStore !== 'postgres' ? [`VIGIL_REDIS_URL needs VIGIL_EVENT_STORE=postgres (the broadcast lease is a PostgreSQL advisory lock), got "${config.eventStore}"`] : [];
  },

  /** Before the app listens: its socket.io server gets the Redis adapter. */
  prepare(app: INestApplication, distributed: DistributedConfig): void {
    if (distributed.redisUrl) app.useWebSocketAdapter(new RedisIoAdapter(app, app.get(DashboardBroadcastLease)));
  },
};

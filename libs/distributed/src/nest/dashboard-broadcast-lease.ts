import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import type { LiveBroadcastRole, LiveBroadcastScope } from '@vigil/dashboard';
import { Redis } from 'ioredis';
import { PgAdvisoryLease } from '../lease/pg-advisory-lease';

/** PgAdvisoryLease's retry interval unless told otherwise. */
const DEFAULT_LEASE_RETRY_MS = 500;

export type DashboardBroadcastOptions = {
  readonly redisUrl: string;
  /** The store's PostgreSQL: the lease is an advisory lock there. */
  readonly pgUrl: string;
  readonly pgSchema: string;
  /** VIGIL_BUS_NAMESPACE: deployments (and test runs) sharing one Redis do not hear each other. */
  readonly namespace: string;
  /** How often a standby tries for the lease (PgAdvisoryLease's default otherwise). */
  readonly leaseRetryMs?: number;
};

/** What readiness reports about the dashboard's share of the live broadcast. */
export type DashboardBroadcastStatus = {
  /** broadcasting: to every instance's clients; standby: another instance does; local: Redis is down, so to this instance's own clients. */
  readonly role: 'broadcasting' | 'standby' | 'local';
  readonly redis: 'connected' | 'disconnected';
};

/**
 * The dashboard instances' shared live broadcast (docs/distributed.md "Dashboard"): every instance
 * keeps its own projection (snapshots, catch-up), and one at a time, the holder of a PostgreSQL
 * advisory lease, sends the live batches through the socket.io Redis adapter to the live clients of
 * every instance. The others stand by and take the lease when the holder's connection ends. An
 * instance whose Redis link is down gives the lease up and serves its own clients from its own
 * projection until the link is back, so no client goes without batches because Redis went away; the
 * clients' gap check (page/connection.ts) repairs the seams by resuming.
 *
 * ioredis rather than the `redis` package: the adapter's documentation reports that the latter may
 * fail to restore subscriptions after a reconnection (https://socket.io/docs/v4/redis-adapter/).
 */
export class DashboardBroadcastLease implements LiveBroadcastRole, OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('DashboardBroadcast');
  readonly pub: Redis;
  readonly sub: Redis;
  private lease: PgAdvisoryLease | undefined;
  private broadcasting = false;
  private stopped = false;
  private contending: Promise<void> | undefined;
  private readonly waiters = new Set<() => void>();
  private redisWasUp = false;

  constructor(private readonly options: DashboardBroadcastOptions) {
    // Commands wait for a reconnection however long it takes: with a bounded retry count ioredis
    // rejects a queued publish, and the adapter does not catch it.
    this.pub = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.sub = this.pub.duplicate();
    for (const client of [this.pub, this.sub]) {
      client.on('ready', () => this.redisChanged());
      client.on('close', () => this.redisChanged());
      client.on('end', () => this.redisChanged());
      // Reported once per outage by redisChanged; ioredis repeats it on every attempt.
      client.on('error', () => undefined);
    }
  }

  /** For the socket.io server of every instance (RedisIoAdapter): the channel is this deployment's. */
  adapterConstructor(): ReturnType<typeof createAdapter> {
    return createAdapter(withoutUnhandledRejections(this.pub), withoutUnhandledRejections(this.sub), { key: `${this.options.namespace}vigil-dashboard` });
  }

  get redisConnected(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  scope(): LiveBroadcastScope {
    if (!this.redisConnected) return 'this-instance';
    return this.broadcasting && this.lease?.held ? 'every-instance' : 'none';
  }

  /** The broadcaster alone writes the instances' shared views; while Redis is away nobody does, and the next holder writes what it kept. */
  writesViews(): boolean {
    return this.broadcasting && this.lease?.held === true;
  }

  get status(): DashboardBroadcastStatus {
    const scope = this.scope();
    return { role: scope === 'every-instance' ? 'broadcasting' : scope === 'none' ? 'standby' : 'local', redis: this.redisConnected ? 'connected' : 'disconnected' };
  }

  onApplicationBootstrap(): void {
    this.contending = this.contend();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.changed();
    await this.lease?.release();
    await this.contending;
  }

  /** After the socket.io server closed (RedisIoAdapter.close): the adapter no longer uses the clients. */
  async closeRedis(): Promise<void> {
    // QUIT would wait for a reconnection that may never come.
    await Promise.all([this.pub, this.sub].map((client) => (client.status === 'ready' ? client.quit().catch(() => client.disconnect()) : client.disconnect())));
  }

  /** One lease per round: taken while Redis is up, given up when Redis or the lease's connection goes. */
  private async contend(): Promise<void> {
    while (!this.stopped) {
      if (!this.redisConnected) {
        await this.nextChange();
        continue;
      }
      const lease = new PgAdvisoryLease({
        connectionString: this.options.pgUrl,
        name: `vigil-dashboard-broadcast:${this.options.pgSchema}`,
        ...(this.options.leaseRetryMs !== undefined ? { retryMs: this.options.leaseRetryMs } : {}),
        onLost: (error) => {
          this.log.warn(`broadcast lease lost (${error.message}): standing by`);
          this.changed();
        },
      });
      this.lease = lease;
      // A standby that loses Redis stops waiting for the lease: it could not broadcast with it.
      const abandon = () => {
        if (this.stopped || !this.redisConnected) void lease.release();
      };
      this.waiters.add(abandon);
      const held = await lease.acquire();
      this.waiters.delete(abandon);
      if (held && !this.stopped && this.redisConnected) {
        this.broadcasting = true;
        this.log.log('holding the dashboard broadcast lease: sending live batches to every instance');
        while (!this.stopped && lease.held && this.redisConnected) await this.nextChange();
        this.broadcasting = false;
        const leaseLost = !lease.held;
        if (!this.stopped) this.log.warn(`stopped broadcasting to every instance (${leaseLost ? 'lease lost' : 'Redis connection lost'})`);
        await lease.release();
        // This instance's link to PostgreSQL just failed: a standby whose link holds takes the
        // lease first (it tries once per retry interval) rather than this one at once again.
        if (leaseLost) await this.pause(2 * (this.options.leaseRetryMs ?? DEFAULT_LEASE_RETRY_MS));
      }
      await lease.release();
      this.lease = undefined;
    }
  }

  /** Waits `ms`, or less if the app stops. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(onStop);
        resolve();
      };
      const onStop = () => (this.stopped ? done() : undefined);
      const timer = setTimeout(done, ms);
      this.waiters.add(onStop);
    });
  }

  private redisChanged(): void {
    const up = this.redisConnected;
    if (up !== this.redisWasUp) {
      if (up) this.log.log('Redis connected: live batches come from the instance holding the broadcast lease');
      else if (!this.stopped) this.log.warn('Redis connection lost: serving this instance\'s clients from its own projection until it is back');
      this.redisWasUp = up;
    }
    this.changed();
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => {
      const waiter = () => {
        this.waiters.delete(waiter);
        resolve();
      };
      this.waiters.add(waiter);
    });
  }
}

/**
 * The adapter neither awaits nor catches the commands it sends (publish, unsubscribe at close): a
 * command that fails while Redis is away would be an unhandled rejection, which ends a Node
 * process. Its failures are seen here instead through the connection's state (readiness, logs), and
 * a batch lost with it is repaired by the clients' gap check.
 */
function withoutUnhandledRejections(client: Redis): Redis {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) result.catch(() => undefined);
        return result;
      };
    },
  });
}


import { Client } from 'pg';

export type LeaseOptions = {
  readonly connectionString: string;
  /** What the lease guards; instances contending for one name exclude each other. */
  readonly name: string;
  /** How often a waiting instance tries again. */
  readonly retryMs?: number;
  /** Called once if the held lease is lost (its connection broke): the holder must stop acting. */
  readonly onLost: (error: Error) => void;
  /** How often the holder checks its connection still answers (default 3 s; the server gives up on a silent peer after about 20 s). */
  readonly probeMs?: number;
};

/** How long a new holder waits for writes that were in flight when it took the lock (below). */
const SETTLE_LIMIT_MS = 5_000;

/**
 * The server ends a lease's session (freeing the lock) when the holder's host goes silent, not only
 * when its process dies: keepalives on an idle connection and a bound on unacknowledged data, set
 * per session (https://www.postgresql.org/docs/15/runtime-config-connection.html#GUC-TCP-KEEPALIVES-IDLE).
 * The holder probes faster than that, so it stops acting before another instance can take the lock.
 */
const SERVER_SIDE_TIMEOUTS = '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 -c tcp_user_timeout=20000';

/**
 * A lease held as a PostgreSQL session-level advisory lock (docs/distributed.md "Alerting"): the
 * server releases it the moment the holder's connection ends, so a killed holder frees it for a
 * waiting instance without any timeout to tune, and two holders can never exist while the server
 * runs. Chosen over a bus-based leader election because the store is PostgreSQL in distributed mode
 * and the lock is exact, where group membership would be known only through heartbeats.
 * https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS
 */
export class PgAdvisoryLease {
  private client: Client | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  held = false;

  constructor(private readonly options: LeaseOptions) {}

  /** Resolves true once held, false if `release` was called first. Connection failures are retried. */
  async acquire(): Promise<boolean> {
    while (!this.stopping) {
      try {
        if (!this.client) {
          const client = await this.connect();
          // Released while connecting: this connection must not outlive the lease object.
          if (this.stopping) {
            await client.end().catch(() => undefined);
            return false;
          }
          this.client = client;
        }
        const { rows } = await this.client.query<{ held: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS held', [this.options.name]);
        if (rows[0]?.held && this.stopping) await this.dropClient();
        else if (rows[0]?.held) {
          await this.settleEarlierWrites(this.client);
          this.held = true;
          this.startProbing();
          return true;
        }
      } catch {
        await this.dropClient();
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.retryMs ?? 500);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return false;
  }

  async release(): Promise<void> {
    this.stopping = true;
    this.stopProbing();
    this.wake?.();
    // Ending the session releases the lock.
    await this.dropClient();
  }

  /**
   * Waits until every transaction that had started when the lock was taken has ended: a killed
   * holder's write whose COMMIT was already on its way commits or aborts before the new holder reads
   * the record, so the new holder never restores from a record that later grows behind it.
   * https://www.postgresql.org/docs/15/functions-info.html#FUNCTIONS-PG-SNAPSHOT
   */
  private async settleEarlierWrites(client: Client): Promise<void> {
    // A transaction id of its own, newer than every id handed out before (a snapshot's xmax is not:
    // it follows the latest completed transaction); its own transaction ends with this statement.
    const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    const mine = rows[0]!.xid;
    // Snapshots span the whole server: an unrelated long transaction must not hold the lease back
    // for good. A COMMIT in flight ends within milliseconds; the bound is far above that.
    for (const deadline = Date.now() + SETTLE_LIMIT_MS; Date.now() < deadline && !this.stopping; ) {
      const { rows: now } = await client.query<{ settled: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS settled', [mine]);
      if (now[0]?.settled) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private probe: NodeJS.Timeout | undefined;

  /** The holder's own check that its session is alive: a probe that fails or hangs is a lost lease. */
  private startProbing(): void {
    const every = this.options.probeMs ?? 3_000;
    let probing = false;
    this.probe = setInterval(() => {
      const client = this.client;
      if (probing || !client || !this.held) return;
      probing = true;
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`lease connection did not answer within ${every} ms`)), every).unref());
      Promise.race([client.query('SELECT 1'), timeout])
        .catch((error: Error) => {
          this.lost(error);
          void client.end().catch(() => undefined);
        })
        .finally(() => (probing = false));
    }, every);
    this.probe.unref();
  }

  private stopProbing(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = undefined;
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.options.connectionString, keepAlive: true, keepAliveInitialDelayMillis: 5_000, options: SERVER_SIDE_TIMEOUTS });
    client.on('error', (error) => this.lost(error));
    client.on('end', () => this.lost(new Error('lease connection ended')));
    await client.connect();
    return client;
  }

  private lost(error: Error): void {
    this.client = undefined;
    if (!this.held || this.stopping) return;
    this.held = false;
    this.stopProbing();
    this.options.onLost(error);
  }

  private async dropClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

import { Client } from 'pg';

export type LeaseOptions = {
  readonly connectionString: string;
  /** What the lease guards; instances contending for one name exclude each other. */
  readonly name: string;
  /** How often a waiting instance tries again. */
  readonly retryMs?: number;
  /** Called once if the held lease is lost (its connection broke): the holder must stop acting. */
  readonly onLost: (error: Error) => void;
};

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
          this.held = true;
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
    this.wake?.();
    // Ending the session releases the lock.
    await this.dropClient();
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.options.connectionString });
    client.on('error', (error) => this.lost(error));
    client.on('end', () => this.lost(new Error('lease connection ended')));
    await client.connect();
    return client;
  }

  private lost(error: Error): void {
    this.client = undefined;
    if (!this.held || this.stopping) return;
    this.held = false;
    this.options.onLost(error);
  }

  private async dropClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PgAdvisoryLease } from './pg-advisory-lease';

const connectionString = process.env.VIGIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('PgAdvisoryLease (docs/distributed.md "Alerting")', () => {
  it('lets one instance hold it, and hands it to the waiting one when the holder lets go', async () => {
    const name = `lease-${randomUUID()}`;
    const lost: Error[] = [];
    const first = new PgAdvisoryLease({ connectionString, name, retryMs: 20, onLost: (error) => lost.push(error) });
    const second = new PgAdvisoryLease({ connectionString, name, retryMs: 20, onLost: (error) => lost.push(error) });
    try {
      expect(await first.acquire()).toBe(true);
      let secondHeld: boolean | undefined;
      const waiting = second.acquire().then((held) => (secondHeld = held));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(secondHeld).toBeUndefined();
      await first.release();
      expect(await waiting).toBe(true);
      expect(second.held).toBe(true);
      expect(lost).toEqual([]);
    } finally {
      await first.release();
      await second.release();
    }
  });

  it('answers false to a waiting acquire when released first', async () => {
    const name = `lease-${randomUUID()}`;
    const holder = new PgAdvisoryLease({ connectionString, name, onLost: () => undefined });
    const waiter = new PgAdvisoryLease({ connectionString, name, retryMs: 20, onLost: () => undefined });
    try {
      await holder.acquire();
      const waiting = waiter.acquire();
      await waiter.release();
      expect(await waiting).toBe(false);
    } finally {
      await holder.release();
    }
  });

  it('is held only once the transactions running when it was taken have ended (a dead holder\'s COMMIT in flight)', async () => {
    const name = `lease-${randomUUID()}`;
    const writer = new Client({ connectionString });
    await writer.connect();
    const order: string[] = [];
    const lease = new PgAdvisoryLease({ connectionString, name, onLost: () => undefined });
    try {
      await writer.query('BEGIN');
      await writer.query('SELECT pg_current_xact_id()'); // a transaction with an id, as a write has
      const acquired = lease.acquire().then(() => order.push('held'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      order.push('committed');
      await writer.query('COMMIT');
      await acquired;
      expect(order).toEqual(['committed', 'held']);
    } finally {
      await lease.release();
      await writer.end();
    }
  });

  it('tells its holder the lease is lost when the server ends its session', async () => {
    const name = `lease-${randomUUID()}`;
    const lost: Error[] = [];
    const lease = new PgAdvisoryLease({ connectionString, name, probeMs: 100, onLost: (error) => lost.push(error) });
    const admin = new Client({ connectionString });
    await admin.connect();
    try {
      expect(await lease.acquire()).toBe(true);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = $1 AND objid = (hashtextextended($2, 0) & 4294967295)::oid AND granted', ['advisory', name]);
      for (let i = 0; i < 100 && lost.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lost).toHaveLength(1);
      expect(lease.held).toBe(false);
    } finally {
      await lease.release();
      await admin.end();
    }
  });
});

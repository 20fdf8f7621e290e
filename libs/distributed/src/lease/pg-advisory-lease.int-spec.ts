import { randomUUID } from 'node:crypto';
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
});

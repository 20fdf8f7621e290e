import { StoreLogConsumer } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { DeviceRegistry } from './device-registry';

// Hardening issue: 20,000 never-bound device ids grew the server by 45 MB that was never released.
describe('the device routing cache', () => {
  let store: SqliteEventStore;
  beforeEach(() => (store = SqliteEventStore.open(':memory:')));
  afterEach(() => store.close());

  it('stays bounded under a stream of new unbound ids, and still answers each as unassigned', async () => {
    const registry = new DeviceRegistry(store, new StoreLogConsumer(store));
    for (let i = 0; i < 20_000; i++) await expect(registry.assignmentOf(`ox-stranger-${i}`)).resolves.toBeNull();
    expect(registry.cachedCount.unbound).toBeLessThanOrEqual(5_000);
    // An evicted id is read from the store again, with the same answer.
    await expect(registry.assignmentOf('ox-stranger-0')).resolves.toBeNull();
  });

  it('keeps a bound device however many strangers pass, and forgets it once released', async () => {
    const registry = new DeviceRegistry(store, new StoreLogConsumer(store));
    await registry.claim('ox-1', { sessionId: 's1', deviceKind: 'oximeter' }, undefined, 'claim-1', '2026-11-29T10:00:00.000Z');
    for (let i = 0; i < 6_000; i++) await registry.assignmentOf(`ox-stranger-${i}`);
    expect(registry.cachedCount.bound).toBe(1);
    await registry.release('ox-1', 's1', 'release-1', '2026-11-29T10:05:00.000Z');
    expect(registry.cachedCount.bound).toBe(0);
    await expect(registry.assignmentOf('ox-1')).resolves.toBeNull();
  });
});

// Issue 10, item 4: a bind made by another process is seen without a restart.
describe('device routing across processes', () => {
  it('answers a device another process bound (and later unbound) without being restarted', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'vigil-routing-'));
    const file = join(dir, 'events.sqlite');
    const here = SqliteEventStore.open(file);
    const elsewhere = SqliteEventStore.open(file); // another process's handle on the same file
    const registry = new DeviceRegistry(here, new StoreLogConsumer(here));
    await registry.onApplicationBootstrap();
    const at = '2026-12-02T10:00:00.000Z';
    const until = async (what: string, check: () => Promise<boolean>) => {
      for (const deadline = Date.now() + 5_000; !(await check()); ) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await expect(registry.assignmentOf('ox-far')).resolves.toBeNull(); // cached as unbound
      await expect(registry.lastBindingChange('ox-far')).resolves.toBeNull(); // cached as never bound
      await elsewhere.appendToStream('device-binding-ox-far', [{ id: 'c1', type: 'DeviceAssigned', data: { deviceId: 'ox-far', sessionId: 'far', deviceKind: 'oximeter', at }, occurredAt: at }], { expectedRevision: 'no-stream' });
      await elsewhere.appendToStream(
        'session-far',
        [
          { id: 's1', type: 'SessionStarted', data: { sessionId: 'far', room: 'Room 9', patientPseudonym: 'P-9', clinician: 'Dr A', at }, occurredAt: at },
          { id: 's2', type: 'DeviceBound', data: { sessionId: 'far', deviceId: 'ox-far', deviceKind: 'oximeter', by: 'nurse', at }, occurredAt: at },
        ],
        { expectedRevision: 'no-stream' },
      );
      await until('the bind to be seen', async () => (await registry.assignmentOf('ox-far'))?.sessionId === 'far');
      // The binding change another process stored is seen with the routing answer, not a stale "never".
      await expect(registry.lastBindingChange('ox-far')).resolves.toEqual({ at: Date.parse(at), sessionId: 'far' });

      await elsewhere.appendToStream('session-far', [{ id: 's3', type: 'SessionEnded', data: { sessionId: 'far', by: 'Dr A', at }, occurredAt: at }], { expectedRevision: 1 });
      await until('the end to be seen', async () => (await registry.assignmentOf('ox-far')) === null);
    } finally {
      await registry.onApplicationShutdown();
      await elsewhere.close();
      await here.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

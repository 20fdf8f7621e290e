import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { DeviceRegistry } from './device-registry';

// Hardening issue: 20,000 never-bound device ids grew the server by 45 MB that was never released.
describe('the device routing cache', () => {
  let store: SqliteEventStore;
  beforeEach(() => (store = SqliteEventStore.open(':memory:')));
  afterEach(() => store.close());

  it('stays bounded under a stream of new unbound ids, and still answers each as unassigned', async () => {
    const registry = new DeviceRegistry(store);
    for (let i = 0; i < 20_000; i++) await expect(registry.assignmentOf(`ox-stranger-${i}`)).resolves.toBeNull();
    expect(registry.cachedCount.unbound).toBeLessThanOrEqual(5_000);
    // An evicted id is read from the store again, with the same answer.
    await expect(registry.assignmentOf('ox-stranger-0')).resolves.toBeNull();
  });

  it('keeps a bound device however many strangers pass, and forgets it once released', async () => {
    const registry = new DeviceRegistry(store);
    await registry.claim('ox-1', { sessionId: 's1', deviceKind: 'oximeter' }, undefined, 'claim-1', '2026-11-29T10:00:00.000Z');
    for (let i = 0; i < 6_000; i++) await registry.assignmentOf(`ox-stranger-${i}`);
    expect(registry.cachedCount.bound).toBe(1);
    await registry.release('ox-1', 's1', 'release-1', '2026-11-29T10:05:00.000Z');
    expect(registry.cachedCount.bound).toBe(0);
    await expect(registry.assignmentOf('ox-1')).resolves.toBeNull();
  });
});

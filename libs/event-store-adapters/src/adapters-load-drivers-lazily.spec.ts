// Choosing an adapter is configuration (docs/event-store.md "Layout"): importing the chooser loads
// no driver, so the embedded default never loads the EventStoreDB client or pg.
describe('@vigil/event-store-adapters', () => {
  it('loads no database driver or client until one is opened', () => {
    const loaded: string[] = [];
    jest.isolateModules(() => {
      for (const driver of ['better-sqlite3', 'pg', '@eventstore/db-client']) jest.doMock(driver, () => loaded.push(driver));
      const adapters = require('./index') as Record<string, unknown>;
      expect(adapters.openEventStore).toBeDefined();
      expect(adapters.eventStoreSelectionOf).toBeDefined();
    });
    expect(loaded).toEqual([]);
  });
});

// Issue 9: the port's barrel exports no adapter, so importing it loads no database driver.
describe('@vigil/event-store', () => {
  it('loads neither better-sqlite3, pg nor the EventStoreDB client', () => {
    const loaded: string[] = [];
    jest.isolateModules(() => {
      jest.doMock('better-sqlite3', () => loaded.push('better-sqlite3'));
      jest.doMock('pg', () => loaded.push('pg'));
      jest.doMock('@eventstore/db-client', () => loaded.push('@eventstore/db-client'));
      const port = require('./index') as Record<string, unknown>;
      expect(port.InMemoryEventStore).toBeDefined();
      expect(port.describeEventStoreContract).toBeDefined();
      expect(Object.keys(port).some((name) => /Sqlite|Postgres|EventStoreDb/.test(name))).toBe(false);
    });
    expect(loaded).toEqual([]);
  });
});

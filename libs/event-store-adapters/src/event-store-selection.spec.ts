import { eventStoreSelectionOf } from './index';

describe('the event store configuration chooses', () => {
  const base = { dataDir: '/var/lib/vigil', pgUrl: 'postgres://u@db:5432/vigil', pgSchema: 'clinic_a' };

  it('SQLite under the data directory, PostgreSQL with its schema, EventStoreDB with its URL', () => {
    expect(eventStoreSelectionOf({ ...base, eventStore: 'sqlite' })).toEqual({ kind: 'sqlite', file: '/var/lib/vigil/events.sqlite' });
    expect(eventStoreSelectionOf({ ...base, eventStore: 'postgres' })).toEqual({ kind: 'postgres', connectionString: 'postgres://u@db:5432/vigil', schema: 'clinic_a' });
    expect(eventStoreSelectionOf({ ...base, eventStore: 'eventstoredb', eventStoreUrl: 'esdb://esdb:2113?tls=false' })).toEqual({ kind: 'eventstoredb', connectionString: 'esdb://esdb:2113?tls=false' });
  });

  it('refuses EventStoreDB without a URL, naming the variable', () => {
    expect(() => eventStoreSelectionOf({ ...base, eventStore: 'eventstoredb' })).toThrow(/EVENTSTORE_URL is required when VIGIL_EVENT_STORE=eventstoredb/);
  });
});

import { eventStoreDbTarget } from './test-eventstoredb';

describe('where the EventStoreDB suites find a server', () => {
  it('uses EVENTSTORE_URL first, then a Docker engine, else skips saying why', () => {
    expect(eventStoreDbTarget({ EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false', DOCKER_HOST: 'unix:///x' }, true)).toEqual({ kind: 'url', url: 'esdb://127.0.0.1:2113?tls=false' });
    expect(eventStoreDbTarget({ DOCKER_HOST: 'tcp://docker:2375' }, false)).toEqual({ kind: 'testcontainers' });
    expect(eventStoreDbTarget({}, true)).toEqual({ kind: 'testcontainers' });
    expect(eventStoreDbTarget({}, false)).toEqual({ kind: 'skip', reason: expect.stringMatching(/no EVENTSTORE_URL and no Docker engine/) });
  });
});

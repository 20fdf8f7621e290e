import { StoreUnavailableError } from '@vigil/event-store';
import { createServer } from 'node:net';
import { openEventStore } from './index';

/** A loopback port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('opening EventStoreDB through the adapter selection', () => {
  it('loads the EventStoreDB adapter and reports an unreachable server as the store being unavailable', async () => {
    const url = `esdb://127.0.0.1:${await closedPort()}?tls=false`;
    const opening = openEventStore({ kind: 'eventstoredb', connectionString: url });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(opening).rejects.toThrow(/EventStoreDB: .*UNAVAILABLE/);
  });
});

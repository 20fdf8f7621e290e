import { existsSync } from 'node:fs';
import { EVENTSTOREDB_IMAGE } from '../eventstoredb-image';

export type EventStoreDbTarget =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'testcontainers' }
  | { readonly kind: 'skip'; readonly reason: string };

/** Where the EventStoreDB suites get a server: `EVENTSTORE_URL`, else testcontainers on a Docker engine, else none (skipped, saying why). */
export function eventStoreDbTarget(env: NodeJS.ProcessEnv = process.env, dockerSocketExists = existsSync('/var/run/docker.sock')): EventStoreDbTarget {
  if (env.EVENTSTORE_URL) return { kind: 'url', url: env.EVENTSTORE_URL };
  if (env.DOCKER_HOST || dockerSocketExists) return { kind: 'testcontainers' };
  return { kind: 'skip', reason: 'no EVENTSTORE_URL and no Docker engine for testcontainers, so no EventStoreDB server to run against' };
}

/**
 * Runs `body` against a reachable EventStoreDB, or registers it skipped with the reason in the
 * suite's name (never a pass): `url()` is the connection string while the suite runs.
 */
export function describeWithEventStoreDb(name: string, body: (url: () => string) => void, target = eventStoreDbTarget()): void {
  if (target.kind === 'skip') {
    describe.skip(`${name} (skipped: ${target.reason})`, () => body(() => ''));
    return;
  }
  describe(name, () => {
    let url = target.kind === 'url' ? target.url : '';
    let stop: (() => Promise<unknown>) | undefined;
    if (target.kind === 'testcontainers') {
      beforeAll(async () => {
        const { GenericContainer, Wait } = await import('testcontainers');
        const container = await new GenericContainer(EVENTSTOREDB_IMAGE)
          .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_MEM_DB: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None' })
          .withExposedPorts(2113)
          .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
          .start();
        url = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
        stop = () => container.stop();
      });
      afterAll(async () => stop?.());
    }
    body(() => url);
  });
}

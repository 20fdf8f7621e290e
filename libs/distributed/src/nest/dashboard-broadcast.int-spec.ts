import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountStore, addAccount, signIn, SOCKET_ACCESS, staffSocketAccess } from '@vigil/auth';
import { DashboardModule, DashboardProjection, LIVE_BROADCAST_ROLE, type ChangesMessage } from '@vigil/dashboard';
import type { NewEvent } from '@vigil/event-store';
import { openEventStore, type OpenedEventStore } from '@vigil/event-store-adapters';
import { freshSchemaName, PostgresEventStore, TEST_PG_URL } from '@vigil/event-store-postgres';
import { Client } from 'pg';
import { CLOCK, EVENT_STORE, PROCESSOR_CHECKPOINTS, systemClock, SYSTEM_CONDITIONS, SystemConditions } from '@vigil/platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardSocketClient } from '../../../../test/support/dashboard-socket-client';
import { givenSessionEvents } from '../../../../test/support/given-session-events';
import { DashboardBroadcastLease } from './dashboard-broadcast-lease';
import { RedisIoAdapter } from './redis-io-adapter';

// Two dashboard instances on one PostgreSQL store and one Redis (docs/distributed.md "Dashboard"):
// a client of the standby gets its live batches from the broadcaster through the Redis adapter.
const REDIS_URL = process.env.VIGIL_REDIS_URL ?? 'redis://127.0.0.1:6379';
const { started, reading } = givenSessionEvents('2026-12-02T10:00:00.000Z');

type Instance = { app: NestFastifyApplication; url: string; store: OpenedEventStore; broadcast: DashboardBroadcastLease; projection: DashboardProjection };

describe('dashboard instances sharing one live broadcast (Redis adapter, PostgreSQL lease)', () => {
  let schema: string;
  let dir: string;
  let writer: OpenedEventStore;
  let accounts: AccountStore;
  let wallToken: string;
  const accessObjects: ReturnType<typeof staffSocketAccess>[] = [];
  const instances: Instance[] = [];
  const clients: DashboardSocketClient[] = [];

  const startInstance = async (redisUrl = REDIS_URL): Promise<Instance> => {
    const store = await openEventStore({ kind: 'postgres', connectionString: TEST_PG_URL, schema });
    const access = staffSocketAccess(accounts, systemClock);
    accessObjects.push(access);
    @Global()
    @Module({})
    class InstancePlatformModule {
      static forRoot(): DynamicModule {
        const providers = [
          { provide: EVENT_STORE, useValue: store },
          { provide: PROCESSOR_CHECKPOINTS, useValue: store.checkpoints },
          { provide: CLOCK, useValue: systemClock },
          { provide: SYSTEM_CONDITIONS, useValue: new SystemConditions() },
          { provide: SOCKET_ACCESS, useValue: access },
          { provide: DashboardBroadcastLease, useFactory: () => new DashboardBroadcastLease({ redisUrl, pgUrl: TEST_PG_URL, pgSchema: schema, namespace: `${schema}.`, leaseRetryMs: 50 }) },
          { provide: LIVE_BROADCAST_ROLE, useExisting: DashboardBroadcastLease },
        ];
        return { module: InstancePlatformModule, providers, exports: providers.map((p) => p.provide) };
      }
    }
    @Module({ imports: [InstancePlatformModule.forRoot(), DashboardModule] })
    class InstanceModule {}
    const app = await NestFactory.create<NestFastifyApplication>(InstanceModule, new FastifyAdapter(), { logger: false });
    const broadcast = app.get(DashboardBroadcastLease);
    app.useWebSocketAdapter(new RedisIoAdapter(app, broadcast));
    await app.listen(0, '127.0.0.1');
    const instance = { app, url: await app.getUrl(), store, broadcast, projection: app.get(DashboardProjection) };
    instances.push(instance);
    return instance;
  };
  const stopInstance = async (instance: Instance) => {
    instances.splice(instances.indexOf(instance), 1);
    await instance.app.close();
    await instance.store.close();
  };
  const append = async (stream: string, events: NewEvent[]) => {
    const revision = await writer.streamRevision(stream);
    await writer.appendToStream(stream, events, { expectedRevision: revision ?? 'no-stream' });
  };
  const until = async (what: string, check: () => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const oximetryReadings = (sessions: ReadonlyMap<string, { oximetryReadings: number }>) => Object.fromEntries([...sessions].map(([id, view]) => [id, view.oximetryReadings]));

  const clientOf = async (instance: Instance, position: number) => {
    const client = new DashboardSocketClient(instance.url, wallToken, 'resume');
    clients.push(client);
    await client.connect();
    await client.waitFor((c) => c.isLiveAt(position), 'the instance to bring its client up to date');
    return client;
  };
  const sessionsOf = (instance: Instance) => new Map(instance.projection.snapshot().sessions.map((view) => [view.sessionId, view]));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-dash-broadcast-'));
    accounts = AccountStore.openIn(dir);
    await addAccount(accounts, { username: 'wall', roles: 'display', password: 'wall-screen-password' }, new Date());
    wallToken = (await signIn(accounts, 'wall', 'wall-screen-password', new Date()))!.token;
  });

  // A store, a lease name and a Redis channel of each test's own.
  beforeEach(async () => {
    schema = freshSchemaName('vigil_dash_broadcast');
    writer = await openEventStore({ kind: 'postgres', connectionString: TEST_PG_URL, schema });
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    for (const instance of [...instances]) await stopInstance(instance);
    await writer.close();
    await PostgresEventStore.dropSchema(TEST_PG_URL, schema);
  });

  afterAll(() => {
    for (const access of accessObjects) access.stop();
    accounts.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives a standby's client every batch once, in order, from the broadcaster, and every change after the broadcaster dies", async () => {
    await append('session-a', [started('a')]);
    await append('session-b', [started('b')]);
    const first = await startInstance();
    await until('the first instance to broadcast', () => first.broadcast.status.role === 'broadcasting');
    const second = await startInstance();
    await until('the second instance to stand by with Redis connected', () => second.broadcast.status.redis === 'connected');
    expect(second.broadcast.status).toEqual({ role: 'standby', redis: 'connected' });
    // One writer of the views the instances share: the broadcaster.
    expect([first.broadcast.writesViews(), second.broadcast.writesViews()]).toEqual([true, false]);
    await until('both projections at the head', () => first.projection.isLive && second.projection.isLive && first.projection.position === 2 && second.projection.position === 2);
    expect(second.projection.storeId).toBe(first.projection.storeId);

    const client = new DashboardSocketClient(second.url, wallToken, 'resume');
    clients.push(client);
    await client.connect();
    await client.waitFor((c) => c.isLiveAt(2), 'the standby to bring its client up to date');
    const fromStart = client.received.length;

    // While the first instance broadcasts: the standby sends nothing itself, so each batch its
    // client gets crossed Redis, and they must chain exactly.
    let readings = 0;
    for (let s = 1; s <= 40; s++) {
      await append('vitals-a', [reading('a', s)]);
      if (s % 3 === 0) await append('vitals-b', [reading('b', s), reading('b', s + 0.5)]);
      readings += s % 3 === 0 ? 3 : 1;
    }
    const head = 2 + readings;
    await client.waitFor((c) => c.state.position === head, 'every batch on the standby client');
    const batches = client.received.slice(fromStart).flatMap((r) => (r.name === 'changes' ? [r.message] : []));
    expect(batches.length).toBeGreaterThan(0);
    const chained = (list: ChangesMessage[]) => list.every((batch, i) => batch.after === (i === 0 ? 2 : list[i - 1]!.position) && batch.position > batch.after);
    expect(chained(batches)).toBe(true);
    const positions = batches.flatMap((batch) => batch.changes.map((change) => change.position));
    expect(positions).toEqual(Array.from({ length: readings }, (_, i) => 3 + i));
    expect(client.gaps).toBe(0);
    // The client may be ahead of the standby's own projection: the broadcaster's can lead it.
    await until('the standby projection at the head', () => second.projection.position === head);
    expect(client.state.sessions).toEqual(new Map(second.projection.snapshot().sessions.map((view) => [view.sessionId, view])));

    // The broadcaster goes while readings keep coming; the standby takes the lease, and its client
    // (resuming across the seam if it has one) ends with every change.
    const writing = (async () => {
      for (let s = 41; s <= 80; s++) {
        await append('vitals-a', [reading('a', s)]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await stopInstance(first);
    await until('the standby to take over the broadcast', () => second.broadcast.status.role === 'broadcasting');
    await writing;
    const end = head + 40;
    await client.waitFor((c) => c.state.position === end, 'every change after the handover', 15_000);
    expect(oximetryReadings(client.state.sessions)).toEqual({ a: 80, b: 26 });
    await until('the new broadcaster at the head', () => second.projection.position === end);
    expect(client.state.sessions).toEqual(new Map(second.projection.snapshot().sessions.map((view) => [view.sessionId, view])));
  });

  it('hands the broadcast over when the holder loses its lease connection, the old holder standing by', async () => {
    await append('session-a', [started('a')]);
    const first = await startInstance();
    await until('the first instance to broadcast', () => first.broadcast.status.role === 'broadcasting');
    const second = await startInstance();
    await until('the second instance to stand by', () => second.broadcast.status.role === 'standby' && second.projection.position === 1 && first.projection.position === 1);
    const onFirst = await clientOf(first, 1);
    const onSecond = await clientOf(second, 1);

    // The server ends the holder's lease session, as when its connection to PostgreSQL breaks.
    const admin = new Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
           AND classid = ((hashtextextended($1, 0) >> 32) & 4294967295)::oid AND objid = (hashtextextended($1, 0) & 4294967295)::oid`,
        [`vigil-dashboard-broadcast:${schema}`],
      );
      expect(rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await until('the second instance to broadcast', () => second.broadcast.status.role === 'broadcasting');
    await until('the first instance to stand by', () => first.broadcast.status.role === 'standby');

    for (let s = 1; s <= 30; s++) await append('vitals-a', [reading('a', s)]);
    for (const client of [onFirst, onSecond]) await client.waitFor((c) => c.state.position === 31, 'every change on both instances');
    expect(oximetryReadings(onFirst.state.sessions)).toEqual({ a: 30 });
    expect(onSecond.state.sessions).toEqual(onFirst.state.sessions);
  });

  it("serves each instance's clients from its own projection while Redis is away, and shares one broadcast again when it is back", async () => {
    const redis = await PrivateRedis.start();
    try {
      await append('session-a', [started('a')]);
      const first = await startInstance(redis.url);
      await until('the first instance to broadcast', () => first.broadcast.status.role === 'broadcasting');
      const second = await startInstance(redis.url);
      await until('the second instance to stand by', () => second.broadcast.status.role === 'standby' && second.projection.position === 1 && first.projection.position === 1);
      const onFirst = await clientOf(first, 1);
      const onSecond = await clientOf(second, 1);

      await redis.stop();
      await until('both instances to serve their own clients', () => [first, second].every((i) => i.broadcast.status.role === 'local' && i.broadcast.status.redis === 'disconnected'));
      for (let s = 1; s <= 20; s++) await append('vitals-a', [reading('a', s)]);
      for (const client of [onFirst, onSecond]) await client.waitFor((c) => c.state.position === 21, 'every change while Redis is away');

      await redis.restart();
      await until('one broadcaster again', () => [first, second].map((i) => i.broadcast.status.role).sort().join() === 'broadcasting,standby', 20_000);
      for (let s = 21; s <= 40; s++) await append('vitals-a', [reading('a', s)]);
      for (const client of [onFirst, onSecond]) await client.waitFor((c) => c.state.position === 41, 'every change once Redis is back');
      expect(oximetryReadings(onFirst.state.sessions)).toEqual({ a: 40 });
      expect(onSecond.state.sessions).toEqual(onFirst.state.sessions);
      await until('both projections at the head', () => first.projection.position === 41 && second.projection.position === 41);
      expect(onSecond.state.sessions).toEqual(sessionsOf(second));

      // An instance stops cleanly while Redis is away (no wait for a reconnection that never comes).
      await redis.stop();
      await until('Redis seen gone', () => [first, second].every((i) => i.broadcast.status.redis === 'disconnected'));
      for (const instance of [first, second]) await stopInstance(instance);
    } finally {
      for (const instance of [...instances]) await stopInstance(instance);
      await redis.stop();
    }
  }, 60_000);
});

/** A Redis server of the test's own on a free port, to stop and start again (redis-server, as .ci/run installs it). */
class PrivateRedis {
  private child: ChildProcess | undefined;
  private constructor(private readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const redis = new PrivateRedis(port);
    await redis.restart();
    return redis;
  }

  async restart(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) resolve();
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

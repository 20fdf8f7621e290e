import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { AccountStore, addAccount, signIn, SOCKET_ACCESS, staffSocketAccess } from '@vigil/auth';
import type { NewEvent } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { CLOCK, EVENT_STORE, PROCESSOR_CHECKPOINTS, systemClock, SYSTEM_CONDITIONS, SystemConditions } from '@vigil/platform';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardSocketClient } from '../../../../test/support/dashboard-socket-client';
import { givenSessionEvents } from '../../../../test/support/given-session-events';
import { DashboardModule } from '../dashboard.module';
import { DashboardProjection } from '../projection/dashboard-projection';

const { started, reading, iso } = givenSessionEvents('2026-11-29T10:00:00.000Z');

describe('the dashboard WebSocket gateway', () => {
  let dir: string;
  let store: SqliteEventStore;
  let app: NestFastifyApplication;
  let url: string;
  let projection: DashboardProjection;
  let conditions: SystemConditions;
  let accounts: AccountStore;
  let socketAccess: ReturnType<typeof staffSocketAccess>;
  let wallToken: string;
  const clients: DashboardSocketClient[] = [];
  const client = () => {
    const c = new DashboardSocketClient(url, wallToken);
    clients.push(c);
    return c;
  };
  const append = async (stream: string, events: NewEvent[]) => {
    const revision = await store.streamRevision(stream);
    return store.appendToStream(stream, events, { expectedRevision: revision ?? 'no-stream' });
  };
  const serverSessions = () => new Map(projection.snapshot().sessions.map((view) => [view.sessionId, view]));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-gateway-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    conditions = new SystemConditions();
    // A signed-in wall screen: the gateway refuses sockets without a session (socket-access.ts).
    accounts = AccountStore.openIn(dir);
    await addAccount(accounts, { username: 'wall', roles: 'display', password: 'wall-screen-password' }, new Date());
    wallToken = (await signIn(accounts, 'wall', 'wall-screen-password', new Date()))!.token;
    socketAccess = staffSocketAccess(accounts, systemClock);
    @Global()
    @Module({
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: PROCESSOR_CHECKPOINTS, useValue: store.checkpoints },
        { provide: CLOCK, useValue: systemClock },
        { provide: SYSTEM_CONDITIONS, useValue: conditions },
        { provide: SOCKET_ACCESS, useValue: socketAccess },
      ],
      exports: [EVENT_STORE, PROCESSOR_CHECKPOINTS, CLOCK, SYSTEM_CONDITIONS, SOCKET_ACCESS],
    })
    class TestPlatformModule {}
    @Module({ imports: [TestPlatformModule, DashboardModule] })
    class TestAppModule {}
    app = await NestFactory.create<NestFastifyApplication>(TestAppModule, new FastifyAdapter(), { logger: false });
    app.useWebSocketAdapter(new IoAdapter(app));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    projection = app.get(DashboardProjection);
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await app.close();
    socketAccess.stop();
    accounts.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a snapshot, then live, then each change with its sequence number (no store position)', async () => {
    await append('session-a', [started('a'), reading('a', 1)]);
    const c = client();
    await c.connect();
    await c.waitFor((x) => x.isLiveAt(2), 'the snapshot and live');
    expect(c.received.map((r) => r.name)).toEqual(['snapshot', 'live']);

    await append('session-a', [reading('a', 2), reading('a', 3)]);
    await c.waitFor((x) => x.state.position === 4, 'the new readings');
    const changes = c.received.flatMap((r) => (r.name === 'changes' ? r.message.changes : []));
    expect(changes.map((ch) => [ch.position, ch.change.type])).toEqual([
      [3, 'OximetryObserved'],
      [4, 'OximetryObserved'],
    ]);
    expect(c.state.sessions).toEqual(serverSessions());
  });

  it('resumes a client from its last position with every change it missed, and no snapshot', async () => {
    await append('session-a', [started('a'), reading('a', 1)]);
    const c = client();
    await c.connect();
    await c.waitFor((x) => x.isLiveAt(2), 'live');
    c.disconnect();
    const lastSeen = c.state.position;

    await append('session-b', [started('b')]);
    for (let s = 2; s <= 40; s++) await append('session-a', [reading('a', s)]);
    await append('device-ox-unbound', [reading('unbound', 1)]);

    await c.resume();
    await c.waitFor((x) => x.isLiveAt(42), 'the catch-up');
    expect(c.received[0]).toMatchObject({ name: 'changes', message: { after: lastSeen } });
    expect(c.received.some((r) => r.name === 'snapshot')).toBe(false);
    expect(c.received[c.received.length - 1]!.name).toBe('live');
    expect(c.gaps).toBe(0);
    expect(c.state.sessions.get("a")?.oximetryReadings).toBe(40);
    expect(c.state.sessions).toEqual(serverSessions());
  });

  it('misses nothing while events keep arriving during the catch-up', async () => {
    await append('session-a', [started('a')]);
    const c = client();
    await c.connect();
    await c.waitFor((x) => x.isLiveAt(1), 'live');
    c.disconnect();
    for (let s = 1; s <= 1500; s += 100) await append('session-a', Array.from({ length: 100 }, (_, i) => reading('a', s + i))); // more than one catch-up page
    const writer = (async () => {
      for (let s = 1501; s <= 1600; s += 5) await append('session-a', Array.from({ length: 5 }, (_, i) => reading('a', s + i)));
    })();
    await c.resume();
    await writer;
    await c.waitFor((x) => x.state.position === 1601, 'every reading');
    expect(c.gaps).toBe(0);
    expect(c.state.sessions.get("a")?.oximetryReadings).toBe(1600);
    expect(c.state.sessions).toEqual(serverSessions());
  }, 30_000);

  it('gives a snapshot to a client whose position belongs to another store', async () => {
    await append('session-a', [started('a'), reading('a', 1)]);
    const c = client();
    await c.connect({ lastPosition: 1, storeId: 'some-other-store' });
    await c.waitFor((x) => x.isLiveAt(2), 'live');
    expect(c.received[0]?.name).toBe('snapshot');
    expect(c.state.sessions).toEqual(serverSessions());
  });

  it('replays from the position a client asks for in a resume message', async () => {
    await append('session-a', [started('a'), reading('a', 1), reading('a', 2)]);
    const c = client();
    await c.connect();
    await c.waitFor((x) => x.isLiveAt(3), 'live');
    c.received.length = 0;
    c.emitResume({ lastPosition: 1, storeId: c.storeId ?? null });
    await c.waitFor((x) => x.received.some((r) => r.name === 'live'), 'the replay');
    expect(c.received[0]).toMatchObject({ name: 'changes', message: { after: 1, position: 3 } });
  });

  it('waits for its projection to reach a client that is ahead of it (batches of another instance), then replays instead of a snapshot', async () => {
    await append('session-a', [started('a'), reading('a', 1)]);
    const c = client();
    await c.connect();
    await c.waitFor((x) => x.isLiveAt(2), 'live');
    c.received.length = 0;
    // As a client of another dashboard instance holds it: two changes past this projection.
    c.emitResume({ lastPosition: 4, storeId: c.storeId ?? null });
    await append('session-a', [reading('a', 2), reading('a', 3)]);
    await c.waitFor((x) => x.received.some((r) => r.name === 'live' && r.message.position === 4), 'live at the position the client asked from');
    expect(c.received.filter((r) => r.name === 'snapshot')).toEqual([]);
  });

  it("tells every client of the monitor's own conditions at connect and at each change, then of their end", async () => {
    const c = client();
    const conditionsSeen: string[][] = [];
    await c.connect();
    c.onSystem((message) => conditionsSeen.push(message.conditions.map((condition) => condition.code)));
    await c.waitFor((x) => x.received.some((r) => r.name === 'live'), 'live');
    conditions.set('recording-stopped', { code: 'recording-stopped', reason: 'disk-full', message: 'recording stopped: disk full', since: iso(0) });
    await c.waitFor(() => conditionsSeen.some((codes) => codes.includes('recording-stopped')), 'the condition');
    const late = client();
    const lateSeen: string[][] = [];
    late.onSystem((message) => lateSeen.push(message.conditions.map((condition) => condition.code)));
    await late.connect();
    await late.waitFor(() => lateSeen.length > 0, 'the condition on connect');
    expect(lateSeen[0]).toEqual(['recording-stopped']);
    conditions.set('recording-stopped', undefined);
    await c.waitFor(() => conditionsSeen.at(-1)?.length === 0, 'the end of the condition');
  });
});

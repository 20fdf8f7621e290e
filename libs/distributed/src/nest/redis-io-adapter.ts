import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import type { DashboardBroadcastLease } from './dashboard-broadcast-lease';

/**
 * Nest's socket.io adapter with the Redis adapter installed on every server it creates (NestJS's
 * documented way), so a broadcast to a room reaches that room's sockets on every dashboard instance
 * (docs/distributed.md "Dashboard"). The Redis clients are closed only after the servers: the Redis
 * adapter unsubscribes when its server closes, and a command on a closed client is a rejection
 * nobody catches.
 */
export class RedisIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly broadcast: DashboardBroadcastLease,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    server.adapter(this.broadcast.adapterConstructor());
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await this.broadcast.closeRedis();
  }
}

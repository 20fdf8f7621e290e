import { Inject, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { SOCKET_ACCESS, type SocketAccess } from '@vigil/auth';
import { CLOCK, SYSTEM_CONDITIONS, type Clock, type SystemConditions } from '@vigil/platform';
import type { Server, Socket } from 'socket.io';
import { DashboardProjection } from '../projection/dashboard-projection';
import {
  DASHBOARD_SOCKET_PATH,
  type DashboardClientMessages,
  type DashboardServerMessages,
  type ListenersOf,
  type PositionedChange,
  type SystemMessage,
} from '../protocol';
import { LIVE_BROADCAST_ROLE, THIS_INSTANCE_ONLY, type LiveBroadcastRole } from './live-broadcast';
import { planResume, readResumeRequest } from './resume-plan';

type SocketData = { generation: number };
/** Between dashboard instances (through the shared adapter): the sequence number the broadcaster last sent. */
type BetweenInstances = { 'broadcast-tip': (position: number) => void };
type DashboardServer = Server<ListenersOf<DashboardClientMessages>, ListenersOf<DashboardServerMessages>, BetweenInstances, SocketData>;
type DashboardSocket = Socket<ListenersOf<DashboardClientMessages>, ListenersOf<DashboardServerMessages>, BetweenInstances, SocketData>;
type Target = { emit(name: string, ...payload: unknown[]): unknown };

/** Clients that are up to date and receive the projection's batches as they happen. */
const LIVE_ROOM = 'live';
const CATCH_UP_PAGE = 1_000;
/**
 * How long a client ahead of this instance's projection waits for it: with instances sharing one
 * broadcast (live-broadcast.ts) a client may hold batches of a projection a little ahead of this
 * one's, and replaying beats a snapshot; after this, a snapshot (a store restored to an earlier state).
 */
const AHEAD_WAIT_MS = 3_000;

/**
 * The dashboard's WebSocket adapter: translates the projection's batches to socket.io messages and
 * brings each (re)connecting client up to date. It reads, never writes; staff commands (acknowledge,
 * dose, …) go through the HTTP API, validated at its edge.
 */
@WebSocketGateway({
  path: DASHBOARD_SOCKET_PATH,
  serveClient: false,
  // A wall screen must notice a dead link within seconds, not socket.io's default 45 s.
  pingInterval: 5_000,
  pingTimeout: 5_000,
})
export class DashboardGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  @WebSocketServer() private readonly server!: DashboardServer;
  private readonly log = new Logger('DashboardGateway');
  private stopListening: (() => void) | undefined;
  /** The position of the broadcaster's last batch, as it told this instance (0 without a shared broadcast). */
  private broadcastTip = 0;

  constructor(
    private readonly projection: DashboardProjection,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SYSTEM_CONDITIONS) private readonly conditions: SystemConditions,
    @Inject(SOCKET_ACCESS) private readonly access: SocketAccess,
    @Optional() @Inject(LIVE_BROADCAST_ROLE) private readonly broadcast: LiveBroadcastRole = THIS_INSTANCE_ONLY,
  ) {}

  afterInit(): void {
    // Signed-in staff only, checked at the handshake and re-checked while open (docs/security.md).
    this.access.attach(this.server);
    // Batches go where the broadcast role says (live-broadcast.ts); everything else is about this
    // instance (its projection reaching the head, its own conditions) and goes to its own sockets
    // only, even when an adapter connects the instances.
    const stopProjection = this.projection.listen({
      changes: (batch) => {
        const target = this.liveTarget();
        if (target) this.send(target, 'changes', { ...batch, serverTime: this.now() });
        // The other instances learn how far the broadcast has gone: a client of theirs that asks to
        // resume may have dropped batches up to here, so they answer from at least this far.
        if (this.broadcast.scope() === 'every-instance') this.server.serverSideEmit('broadcast-tip', batch.position);
      },
      live: (position) => this.send(this.server.local.to(LIVE_ROOM), 'live', { position, serverTime: this.now() }),
    });
    this.server.on('broadcast-tip', (position: number) => {
      if (Number.isSafeInteger(position) && position > this.broadcastTip) this.broadcastTip = position;
    });
    // Every client, live or catching up: a monitor that cannot record or is behind must say so at once.
    const stopConditions = this.conditions.listen(() => this.send(this.server.local, 'system', this.systemMessage()));
    this.stopListening = () => {
      stopProjection();
      stopConditions();
    };
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  handleConnection(socket: DashboardSocket): void {
    socket.data.generation = 0;
    this.send(socket, 'system', this.systemMessage());
    void this.bringUpToDate(socket, readResumeRequest(socket.handshake.auth));
  }

  @SubscribeMessage('resume')
  onResume(@ConnectedSocket() socket: DashboardSocket, @MessageBody() body: unknown): void {
    void this.bringUpToDate(socket, readResumeRequest(body));
  }

  /**
   * A snapshot, or the projection's journalled changes after the client's sequence number, then the
   * live room. The plan, the catch-up and joining the room happen in one synchronous step, so no
   * batch falls between the catch-up and the live stream; a batch it already has is skipped by
   * sequence number on the page. No store position reaches a client.
   */
  private async bringUpToDate(socket: DashboardSocket, request: ReturnType<typeof readResumeRequest>): Promise<void> {
    const generation = ++socket.data.generation;
    const current = () => socket.connected && socket.data.generation === generation;
    await socket.leave(LIVE_ROOM);
    try {
      const { lastPosition, storeId } = request;
      // A client of this instance that took the broadcaster's batches may be ahead of this projection,
      // and one that resynced dropped the broadcaster's batches meanwhile: the answer starts from at
      // least as far as either, or its client would miss what it dropped until the next batch.
      if (lastPosition !== undefined && storeId === this.projection.storeId) await this.projectionAt(Math.max(lastPosition, this.broadcastTip));
      if (!current()) return;
      const plan = planResume(request, {
        storeId: this.projection.storeId,
        projectionPosition: this.projection.position,
        journalFrom: this.projection.journalFrom,
      });
      const missed = plan.kind === 'replay' ? this.projection.changesAfter(plan.from) : undefined;
      if (plan.kind === 'snapshot' || !missed) {
        this.send(socket, 'snapshot', { ...this.projection.snapshot(), serverTime: this.now() });
        return this.joinLive(socket);
      }
      const upTo = this.projection.position;
      let after = plan.from;
      for (let start = 0; start < missed.length; start += CATCH_UP_PAGE) {
        const changes: PositionedChange[] = missed.slice(start, start + CATCH_UP_PAGE);
        const position = start + CATCH_UP_PAGE >= missed.length ? upTo : changes[changes.length - 1]!.position;
        this.send(socket, 'changes', { after, position, serverTime: this.now(), changes });
        after = position;
      }
      this.joinLive(socket);
    } catch (error) {
      this.log.error(`bringing client ${socket.id} up to date failed: ${String(error)}`);
      socket.disconnect(true); // the page reconnects and asks again
    }
  }

  /** Resolves once the projection has reached `position`, or after AHEAD_WAIT_MS. */
  private projectionAt(position: number): Promise<void> {
    if (this.projection.position >= position) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(done, AHEAD_WAIT_MS);
      const stop = this.projection.listen({ changes: () => (this.projection.position >= position ? done() : undefined), live: () => undefined });
    });
  }

  private liveTarget(): Target | undefined {
    switch (this.broadcast.scope()) {
      case 'every-instance':
        return this.server.to(LIVE_ROOM);
      case 'this-instance':
        return this.server.local.to(LIVE_ROOM);
      case 'none':
        return undefined;
    }
  }

  private joinLive(socket: DashboardSocket): void {
    void socket.join(LIVE_ROOM);
    if (this.projection.isLive) this.send(socket, 'live', { position: this.projection.position, serverTime: this.now() });
  }

  /** The only way anything leaves this gateway: names and payloads checked against the protocol. */
  private send<K extends keyof DashboardServerMessages>(target: Target, name: K, ...payload: DashboardServerMessages[K]): void {
    target.emit(name, ...payload);
  }

  private systemMessage(): SystemMessage {
    return { conditions: this.conditions.list().map(({ code, message, since }) => ({ code, message, since })), serverTime: this.now() };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

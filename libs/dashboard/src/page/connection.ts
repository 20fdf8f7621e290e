import type { Socket } from 'socket.io-client';
import {
  DASHBOARD_SOCKET_PATH,
  type ChangesMessage,
  type DashboardClientMessages,
  type DashboardServerMessages,
  type ListenersOf,
  type ResumeRequest,
  type SnapshotMessage,
  type SystemConditionView,
} from '../protocol';
import { applyChanges, initialDashboardState, missesChanges, stateFromSnapshot, type DashboardState } from '../view/dashboard-state';
import { ServerClock } from './server-clock';
import { vendors } from './vendor';

/**
 * connecting: never had data; catching-up: connected, receiving what it missed; live: up to date
 * and streaming; reconnecting: the link is down, what is shown is as of `lastMessageAt`.
 */
export type ConnectionStatus = 'connecting' | 'catching-up' | 'live' | 'reconnecting';

type DashboardSocket = Socket<ListenersOf<DashboardServerMessages>, ListenersOf<DashboardClientMessages>>;

/**
 * The page's end of the protocol: keeps the dashboard state by applying the server's snapshot and
 * changes through the same evolve the server runs, and resumes from its own position after any
 * disconnect (socket.io reconnects with backoff; `auth` is re-read on every attempt).
 */
export class DashboardConnection {
  state: DashboardState = initialDashboardState();
  /** Conditions of the whole monitor (recording stopped, monitoring delayed): shown on every tile. */
  systemConditions: SystemConditionView[] = [];
  status: ConnectionStatus = 'connecting';
  lastMessageAt: number | undefined;
  readonly clock = new ServerClock();
  private storeId: string | null | undefined;
  private resyncing = false;
  private socket: DashboardSocket | undefined;

  constructor(
    private readonly onChange: () => void,
    /** The server refused the handshake or closed the socket because the session ended. */
    private readonly onSignedOut: () => void = () => undefined,
    /** The server refuses this account (or this page's origin) the live wall. */
    private readonly onForbidden: (reason: string) => void = () => undefined,
  ) {}

  connect(): void {
    const socket: DashboardSocket = vendors().io({
      path: DASHBOARD_SOCKET_PATH,
      auth: (send: (auth: ResumeRequest) => void) => send(this.resumeRequest()),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
    this.socket = socket;
    socket.on('connect', () => this.setStatus('catching-up'));
    socket.on('disconnect', () => this.setStatus('reconnecting'));
    socket.on('connect_error', (error) => {
      // socket-access.ts refuses a handshake with `unauthorized` (no live session), or `forbidden`
      // (a role that does not watch: asking again would only be refused again).
      if (error.message === 'unauthorized') return this.onSignedOut();
      if (error.message === 'forbidden' || error.message === 'forbidden-origin') {
        socket.disconnect();
        return this.onForbidden(error.message);
      }
      this.setStatus(this.storeId === undefined ? 'connecting' : 'reconnecting');
    });
    socket.on('signed-out', () => this.onSignedOut());
    socket.on('snapshot', (message) => this.onSnapshot(message));
    socket.on('changes', (message) => this.onChanges(message));
    socket.on('system', (message) => {
      this.heard(message.serverTime);
      this.systemConditions = message.conditions;
      this.onChange();
    });
    socket.on('live', (message) => {
      this.heard(message.serverTime);
      this.resyncing = false;
      this.setStatus('live');
    });
  }

  /** For diagnostics and the browser tests: drop the link as a network failure would (socket.io reconnects). */
  dropLink(): void {
    this.socket?.io.engine?.close();
  }

  private resumeRequest(): ResumeRequest {
    return this.storeId === undefined ? {} : { lastPosition: this.state.position, storeId: this.storeId };
  }

  private onSnapshot(message: SnapshotMessage): void {
    this.heard(message.serverTime);
    this.storeId = message.storeId;
    this.state = stateFromSnapshot(message);
    this.resyncing = false;
    this.onChange();
  }

  private onChanges(message: ChangesMessage): void {
    this.heard(message.serverTime);
    if (missesChanges(this.state, message)) {
      // Never expected (the server joins us to the live stream without a gap), but never ignored:
      // ask for everything after what we have, once, and drop batches until it arrives.
      if (!this.resyncing) {
        this.resyncing = true;
        this.setStatus('catching-up');
        this.socket?.emit('resume', this.resumeRequest());
      }
      return;
    }
    const next = applyChanges(this.state, message.changes, message.position);
    if (next === this.state) return;
    this.state = next;
    this.onChange();
  }

  private heard(serverTime: string): void {
    this.clock.observe(serverTime);
    this.lastMessageAt = Date.now();
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.onChange();
  }
}

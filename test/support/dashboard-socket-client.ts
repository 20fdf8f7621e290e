import {
  applyChanges,
  initialDashboardState,
  missesChanges,
  stateFromSnapshot,
  type ChangesMessage,
  type DashboardState,
  type LiveMessage,
  type ResumeRequest,
  type SnapshotMessage,
  type SystemMessage,
} from '@vigil/dashboard';
import { io, type Socket } from 'socket.io-client';
import { staffTokenFor } from './staff-credentials';

export type ReceivedMessage = { name: 'snapshot'; message: SnapshotMessage } | { name: 'changes'; message: ChangesMessage } | { name: 'live'; message: LiveMessage };

/**
 * A dashboard client for tests, holding its state exactly as the page does (the shared evolve) and
 * recording every message, so a test can check what was sent as well as where it ended up.
 */
export class DashboardSocketClient {
  state: DashboardState = initialDashboardState();
  storeId: string | null | undefined;
  readonly received: ReceivedMessage[] = [];
  gaps = 0;
  /** The monitor's own conditions, as last sent. */
  system: SystemMessage | undefined;
  private socket: Socket | undefined;
  private readonly systemListeners: ((message: SystemMessage) => void)[] = [];
  private resyncing = false;

  /**
   * `token`: a signed-in account's bearer token; by default the one the support signed in for this app.
   * `onGap`: `count` only counts a batch that starts past this client's position; `resume` also asks
   * for what it missed and drops batches until the answer's `live`, as the page does (page/connection.ts).
   */
  constructor(
    private readonly url: string,
    private readonly token: string | undefined = staffTokenFor(url),
    private readonly onGap: 'count' | 'resume' = 'count',
  ) {}

  connect(resume: ResumeRequest = {}): Promise<void> {
    this.received.length = 0;
    const socket = io(this.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { ...resume, ...(this.token ? { token: this.token } : {}) }, forceNew: true });
    this.socket = socket;
    socket.on('snapshot', (message: SnapshotMessage) => {
      this.received.push({ name: 'snapshot', message });
      this.storeId = message.storeId;
      this.state = stateFromSnapshot(message);
      this.resyncing = false;
    });
    socket.on('changes', (message: ChangesMessage) => {
      this.received.push({ name: 'changes', message });
      if (!missesChanges(this.state, message)) this.state = applyChanges(this.state, message.changes, message.position);
      else if (this.onGap === 'count') this.gaps++;
      else if (!this.resyncing) {
        this.gaps++;
        this.resyncing = true;
        socket.emit('resume', { lastPosition: this.state.position, storeId: this.storeId ?? null });
      }
    });
    socket.on('live', (message: LiveMessage) => {
      this.received.push({ name: 'live', message });
      this.resyncing = false;
    });
    socket.on('system', (message: SystemMessage) => {
      this.system = message;
      for (const listener of this.systemListeners) listener(message);
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }

  /** Hears every `system` message (registered before connect, it also hears the one sent on connect). */
  onSystem(listener: (message: SystemMessage) => void): void {
    this.systemListeners.push(listener);
  }

  /** Reconnects from where this client is, as the page does after a dropped link. */
  resume(): Promise<void> {
    this.disconnect();
    return this.connect({ lastPosition: this.state.position, storeId: this.storeId ?? null });
  }

  emitResume(request: ResumeRequest): void {
    this.socket?.emit('resume', request);
  }

  disconnect(): void {
    this.socket?.disconnect();
  }

  async waitFor(check: (client: this) => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received ${this.received.map((r) => r.name).join(', ') || 'nothing'}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  isLiveAt(position: number): boolean {
    return this.state.position >= position && this.received.some((r) => r.name === 'live');
  }
}

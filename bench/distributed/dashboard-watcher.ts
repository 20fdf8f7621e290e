import type { ChangesMessage } from '@vigil/dashboard';
import { io, type Socket } from 'socket.io-client';
import { readingKey } from './gateway-load';

/**
 * A wall client of the dashboard service, connected as the page and the other benchmarks connect
 * (socket.io over WebSocket, the signed-in clinician's token, bench/dashboard.bench.ts): it notes
 * when each reading's change arrived.
 */
export class DashboardWatcher {
  /** performance.now() at arrival, by reading key. */
  readonly seenAt = new Map<string, number>();
  /**
   * Wall-clock times (ms) along each reading's way, by key: ingest received it (the reading's
   * `receivedAt`), the dashboard sent the change (`serverTime`), this client read it. One machine,
   * one clock: the differences split the latency between the services and the socket.
   */
  readonly wallTimes = new Map<string, { received: number; sent: number; arrived: number }>();
  private socket: Socket | undefined;
  private waiting: { keys: Map<string, unknown>; missing: number; resolve: () => void } | undefined;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  /** Resolves once the dashboard says the client is live (after its snapshot). */
  connect(): Promise<void> {
    const socket = io(this.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: this.token } });
    this.socket = socket;
    socket.on('changes', (message: ChangesMessage) => {
      const at = performance.now();
      const arrived = Date.now();
      const sent = Date.parse(message.serverTime);
      for (const { change } of message.changes) {
        if (change.type !== 'OximetryObserved') continue;
        const key = readingKey(change.deviceId, change.measuredAt);
        if (this.seenAt.has(key)) continue;
        this.seenAt.set(key, at);
        this.wallTimes.set(key, { received: Date.parse(change.receivedAt), sent, arrived });
        if (this.waiting?.keys.has(key) && --this.waiting.missing === 0) this.waiting.resolve();
      }
    });
    return new Promise((resolve, reject) => {
      socket.once('live', () => resolve());
      socket.once('connect_error', reject);
    });
  }

  /** Resolves true when every key has arrived, false after `timeoutMs`. */
  async waitForAll(keys: Map<string, unknown>, timeoutMs: number): Promise<boolean> {
    let missing = 0;
    for (const key of keys.keys()) if (!this.seenAt.has(key)) missing++;
    if (missing === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const all = await Promise.race([
      new Promise<true>((resolve) => (this.waiting = { keys, missing, resolve: () => resolve(true) })),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    this.waiting = undefined;
    return all;
  }

  disconnect(): void {
    this.socket?.disconnect();
  }
}

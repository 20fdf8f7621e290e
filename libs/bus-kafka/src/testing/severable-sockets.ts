import * as net from 'node:net';
import type { ISocketFactory } from 'kafkajs';

/**
 * A kafkajs socket factory whose connections the test can cut, without stopping a broker that other
 * suites may share. `refuse()` is a broker gone (every connection refused); `hang()` is a broker
 * that accepts connections and never answers (a stalled process, a half-open network). Either way
 * the open sockets are destroyed, so the client has to reconnect into the outage.
 */
export class SeverableSockets {
  private readonly open = new Set<net.Socket>();
  private redirectTo: number | undefined;

  private constructor(
    private readonly closedPort: number,
    private readonly silentServer: net.Server,
    private readonly silentPort: number,
    private readonly held: Set<net.Socket>,
  ) {}

  static async create(): Promise<SeverableSockets> {
    const closedPort = await portOf(await listening(net.createServer()), true);
    const held = new Set<net.Socket>();
    const silentServer = net.createServer((socket) => {
      held.add(socket);
      socket.on('close', () => held.delete(socket));
      socket.on('error', () => undefined);
    });
    const silentPort = await portOf(await listening(silentServer), false);
    return new SeverableSockets(closedPort, silentServer, silentPort, held);
  }

  readonly factory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = net.connect({ host, port: this.redirectTo ?? port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    this.open.add(socket);
    socket.on('close', () => this.open.delete(socket));
    return socket;
  };

  refuse(): void {
    this.cut(this.closedPort);
  }

  hang(): void {
    this.cut(this.silentPort);
  }

  restore(): void {
    this.cut(undefined);
  }

  async dispose(): Promise<void> {
    // close() waits for the connections it holds, which never end by themselves.
    const closed = new Promise((resolve) => this.silentServer.close(resolve));
    for (const socket of this.held) socket.destroy();
    await closed;
  }

  private cut(redirectTo: number | undefined): void {
    this.redirectTo = redirectTo;
    for (const socket of this.open) socket.destroy(new Error('connection cut by the test'));
  }
}

function listening(server: net.Server): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** The server's port; `release` closes it, leaving a port that nothing listens on. */
async function portOf(server: net.Server, release: boolean): Promise<number> {
  const { port } = server.address() as net.AddressInfo;
  if (release) await new Promise((resolve) => server.close(resolve));
  return port;
}

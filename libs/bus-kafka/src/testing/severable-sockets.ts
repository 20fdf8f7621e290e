import * as net from 'node:net';
import type { ISocketFactory } from 'kafkajs';

/**
 * A kafkajs socket factory whose connections the test can cut: while severed, every open socket is
 * destroyed and every new one is sent to a closed port, so the client sees the broker gone exactly
 * as after a network partition, without stopping a broker that other suites may share.
 */
export class SeverableSockets {
  private readonly open = new Set<net.Socket>();
  private severed = false;

  constructor(private readonly closedPort: number) {}

  readonly factory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = net.connect({ host, port: this.severed ? this.closedPort : port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    this.open.add(socket);
    socket.on('close', () => this.open.delete(socket));
    return socket;
  };

  sever(): void {
    this.severed = true;
    for (const socket of this.open) socket.destroy(new Error('connection cut by the test'));
  }

  restore(): void {
    this.severed = false;
  }
}

/** A port nothing listens on: bound, noted, and released. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { hardenedServerFactory } from './http-server-hardening';

// docs/http-hardening.md "A 413 the sender can read": a body declared over the limit is read to its
// end before the answer, so a client still sending never meets a closed socket instead of the 413.
describe('a body declared over the limit', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // Answers at once, as Fastify does for a declared length over its bodyLimit.
    const answerAtOnce = (_request: unknown, response: { writeHead(code: number, headers: Record<string, string>): void; end(body: string): void }) => {
      response.writeHead(413, { connection: 'close', 'content-type': 'text/plain' });
      response.end('too large');
    };
    server = hardenedServerFactory(10_000, undefined, 1024)(answerAtOnce as never, {} as never) as unknown as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (declared: number) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.write(`POST /api/v1/ingest/readings HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${declared}\r\n\r\n`);
    return { socket, received: () => received };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  const closed = (socket: Socket) => new Promise((resolve) => socket.once('close', resolve));

  it('is answered 413 only once the client has sent it all', async () => {
    const { socket, received } = post(4096);
    socket.write('x'.repeat(1024));
    await settle();
    expect(received()).toBe('');
    const done = closed(socket);
    socket.write('x'.repeat(3072));
    await done;
    expect(received()).toMatch(/^HTTP\/1\.1 413/);
  });

  it('is answered at once when it is declared larger than anything worth reading (over 8 MiB)', async () => {
    const { socket, received } = post(9 * 1024 * 1024);
    socket.write('x'.repeat(1024));
    await closed(socket);
    expect(received()).toMatch(/^HTTP\/1\.1 413/);
  });
});

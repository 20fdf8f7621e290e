import type { HttpClient, HttpRequest, HttpResponse } from '../http/http-client';
import { HttpTransportError } from '../http/http-client';
import type { IngestBatch } from '../wire/ingest-reading';

/**
 * An in-memory stand-in for the Vigil server's staff and ingest API, for tests of the runner and
 * the CLI. It de-duplicates readings by (deviceId, seq) as the real ingest does, and can be told
 * to answer the next ingest calls with given statuses or a network failure.
 */
export class FakeVigilServer {
  readonly requests: HttpRequest[] = [];
  readonly sessions = new Map<string, { body: unknown; devices: unknown[]; doses: unknown[]; ended: boolean }>();
  /** Every ingest body received, including retried ones. */
  readonly ingestCalls: IngestBatch[] = [];
  readonly stored = new Set<string>();
  /** Answers for the next ingest calls, consumed in order; then 202. */
  readonly ingestScript: Array<number | 'network-error'> = [];

  readonly http: HttpClient = async (request) => {
    this.requests.push(request);
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/ingest/readings') return this.ingest(request);
    if (path === '/api/v1/sessions') {
      const sessionId = `session-${this.sessions.size + 1}`;
      this.sessions.set(sessionId, { body: request.body, devices: [], doses: [], ended: false });
      return { status: 201, body: { sessionId } };
    }
    const match = /^\/api\/v1\/sessions\/([^/]+)\/(devices|doses|end)$/.exec(path);
    const session = match?.[1] ? this.sessions.get(decodeURIComponent(match[1])) : undefined;
    if (!match || !session) return { status: 404, body: { statusCode: 404, message: `No route ${path}` } };
    if (match[2] === 'devices') session.devices.push(request.body);
    if (match[2] === 'doses') session.doses.push(request.body);
    if (match[2] === 'end') session.ended = true;
    return { status: 201, body: {} };
  };

  private ingest(request: HttpRequest): HttpResponse {
    const batch = request.body as IngestBatch;
    this.ingestCalls.push(structuredClone(batch));
    const scripted = this.ingestScript.shift();
    if (scripted === 'network-error') throw new HttpTransportError(request.url, 'ECONNRESET');
    if (scripted !== undefined && scripted !== 202) return { status: scripted, body: { statusCode: scripted, message: 'scripted' } };
    let accepted = 0;
    let duplicates = 0;
    for (const reading of batch.readings) {
      const key = `${reading.deviceId}#${reading.seq}`;
      if (this.stored.has(key)) duplicates++;
      else {
        this.stored.add(key);
        accepted++;
      }
    }
    return { status: 202, body: { accepted, duplicates, rejected: [] } };
  }
}

/** A wall clock that only moves when the code under test sleeps. */
export class FakeClock {
  constructor(public nowMs: number) {}
  readonly now = (): number => this.nowMs;
  readonly sleep = async (ms: number): Promise<void> => {
    this.nowMs += Math.max(0, ms);
  };
}

import { BadRequestException } from '@nestjs/common';
import { JsonBodyError, parseJsonBody } from '@vigil/platform';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';

/**
 * Replaces Fastify's JSON parser with one that refuses deep nesting and prototype-named keys
 * (docs/http-hardening.md). Errors carry statusCode 400 and the field, like every other 400.
 */
export function useHardenedJsonParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      if (!(error instanceof JsonBodyError)) throw error;
      // An HttpException, so Nest answers it like every other 400 and logs no stack trace.
      const errors = [{ field: error.field, message: error.reason }];
      done(new BadRequestException({ statusCode: 400, error: 'Bad Request', message: error.message, errors }), undefined);
    }
  });
}

/**
 * A request whose body is still arriving after `requestTimeoutMs` gets 408 and its connection is
 * closed: a stalled upload must not hold a socket. Node's own requestTimeout (also set below) was
 * seen to close only some of 100 stalled uploads, so each request carries its own deadline.
 */
export function closeStalledUploads(fastify: FastifyInstance, requestTimeoutMs: number): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.raw.complete) return done();
    const timer = setTimeout(() => {
      if (request.raw.complete || reply.raw.headersSent) return;
      const body = JSON.stringify({ statusCode: 408, error: 'Request Timeout', message: `the request was not received in full within ${requestTimeoutMs} ms` });
      reply.raw.writeHead(408, { 'content-type': 'application/json', connection: 'close', 'content-length': Buffer.byteLength(body) });
      reply.raw.end(body, () => request.raw.socket?.destroy());
    }, requestTimeoutMs);
    timer.unref();
    request.raw.once('end', () => clearTimeout(timer));
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
}

/** Bodies declared over the limit are read and discarded up to this size before the 413 (below). */
const DRAIN_AT_MOST_BYTES = 8 * 1024 * 1024;

/**
 * A body declared larger than the limit gets 413 from Fastify before it is read. Answered while
 * the client is still sending, the client may meet a closed socket (`EPIPE`) instead of reading the
 * 413 (docs/http-hardening.md). So such a body is read and discarded first, when it is of a size a
 * gateway might send by mistake; a larger one is answered at once, and its sender may see the reset.
 * The request timeout bounds the wait as for any upload.
 */
function drainOversizedBodies(handler: (request: IncomingMessage, response: ServerResponse) => void, bodyLimit: number) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const declared = Number(request.headers['content-length']);
    if (!(declared > bodyLimit) || declared > DRAIN_AT_MOST_BYTES) return handler(request, response);
    let answered = false;
    const answer = () => {
      if (answered) return;
      answered = true;
      handler(request, response);
    };
    request.once('end', answer);
    request.once('error', answer);
    request.once('close', answer);
    request.resume();
  };
}

/** Node's own bounds on a request's headers and body (see closeStalledUploads); HTTPS when `tls` names the PEM files. */
export function hardenedServerFactory(requestTimeoutMs: number, tls?: { certFile: string; keyFile: string }, bodyLimit = Number.POSITIVE_INFINITY): FastifyServerFactory {
  return (fastifyHandler) => {
    const handler = drainOversizedBodies(fastifyHandler, bodyLimit);
    const options: ServerOptions = {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(requestTimeoutMs, 60_000),
      // Node checks for timed-out requests at this interval (30 s by default), so the bound holds within a second.
      connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
    };
    if (tls) return createTlsServer({ ...options, cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, handler) as unknown as ReturnType<FastifyServerFactory>;
    return createServer(options, handler);
  };
}


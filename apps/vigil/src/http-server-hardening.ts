import { JsonBodyError, parseJsonBody } from '@vigil/platform';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import { createServer } from 'node:http';

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
      done(error as Error, undefined);
    }
  });
}

/** A request still arriving after this long is closed: a stalled upload must not hold a socket. */
export function hardenedServerFactory(requestTimeoutMs: number): FastifyServerFactory {
  return (handler) => {
    const server = createServer(
      {
        requestTimeout: requestTimeoutMs,
        headersTimeout: Math.min(requestTimeoutMs, 60_000),
        // Node checks for timed-out requests at this interval (30 s by default), so the bound holds within a second.
        connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
      },
      handler,
    );
    return server;
  };
}

export { JsonBodyError };

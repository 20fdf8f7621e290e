import { crossSiteRefusal } from '@vigil/auth';
import type { FastifyInstance } from 'fastify';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Before any route: a state-changing request from another site's page, or with a body a plain
 * HTML form could send, is refused (403 / 415) naming why (libs/auth/src/cross-site-requests.ts,
 * docs/security.md "Cross-site requests").
 */
export function refuseCrossSiteRequests(fastify: FastifyInstance, allowedOrigins: readonly string[]): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const headers = request.headers;
    const refusal = crossSiteRefusal(
      {
        method: request.method,
        host: first(headers.host),
        origin: first(headers.origin),
        secFetchSite: first(headers['sec-fetch-site']),
        contentType: first(headers['content-type']),
        hasBody: Number(first(headers['content-length']) ?? 0) > 0 || headers['transfer-encoding'] !== undefined,
      },
      allowedOrigins,
    );
    if (!refusal) return done();
    const field = refusal.status === 415 ? 'content-type' : 'origin';
    const error = refusal.status === 415 ? 'Unsupported Media Type' : 'Forbidden';
    void reply.code(refusal.status).send({ statusCode: refusal.status, error, message: refusal.reason, errors: [{ field, message: refusal.reason }] });
  });
}

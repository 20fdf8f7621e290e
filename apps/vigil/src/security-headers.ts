import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Security headers on every answer (docs/security.md, "Security headers"), through @fastify/helmet,
 * following the OWASP HTTP Headers Cheat Sheet. The Content-Security-Policy is the one the page
 * works under: every script and style is the app's own file (no CDN, no inline script); styles may
 * be set inline because uPlot sizes its canvases with style attributes; the socket is same-origin.
 * HSTS and upgrade-insecure-requests only over TLS: on plain loopback HTTP they would break the page.
 */
// @nestjs/platform-fastify carries its own copy of fastify's types; the plugin is typed against the root one.
type NestPlugin = Parameters<NestFastifyApplication['register']>[0];

export async function useSecurityHeaders(app: NestFastifyApplication, tls: boolean): Promise<void> {
  await app.register(helmet as unknown as NestPlugin, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
  // Helmet sets no Permissions-Policy: the page needs no camera, microphone, location or payment.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (_request, reply, payload, done) => {
      void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), bluetooth=()');
      done(null, payload);
    });
}

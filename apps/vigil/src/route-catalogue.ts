import type { FastifyInstance } from 'fastify';

export type RegisteredRoute = { method: string; url: string };

const catalogues = new WeakMap<object, RegisteredRoute[]>();

/**
 * Every route Fastify registers, Nest's and plugins' alike (Swagger's), so the route table test
 * (staff-access.int-spec.ts) sees a route added later, whoever adds it. HEAD routes are the GET
 * routes Fastify mirrors, and answer as their GET does.
 */
export function catalogueRoutes(fastify: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  catalogues.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
}

export function registeredRoutes(fastify: object): RegisteredRoute[] {
  return catalogues.get(fastify) ?? [];
}

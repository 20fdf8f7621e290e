import { SetMetadata } from '@nestjs/common';
import type { Permission } from '../roles';

/**
 * Every route states who may call it (docs/security.md, "Every door"): a staff permission, public
 * (health, sign-in, the page's static files: nothing about a patient), the gateway credential
 * (ingest checks its own bearer token), or any signed-in account (sign-out). A route with no
 * decision is refused by the guard and fails the route table test.
 */
export type RouteAccess = { kind: 'staff'; permissions: Permission[] } | { kind: 'signed-in' } | { kind: 'public'; why: string } | { kind: 'gateway' };

export const ROUTE_ACCESS = 'vigil:route-access';

/** Any one of the permissions opens the route (the acknowledgement: `acknowledge`, or a display's `acknowledge-with-pin`). */
export const RequiresPermission = (...permissions: [Permission, ...Permission[]]) => SetMetadata(ROUTE_ACCESS, { kind: 'staff', permissions } satisfies RouteAccess);
export const RequiresSignedIn = () => SetMetadata(ROUTE_ACCESS, { kind: 'signed-in' } satisfies RouteAccess);
export const PublicRoute = (why: string) => SetMetadata(ROUTE_ACCESS, { kind: 'public', why } satisfies RouteAccess);
export const GatewayRoute = () => SetMetadata(ROUTE_ACCESS, { kind: 'gateway' } satisfies RouteAccess);

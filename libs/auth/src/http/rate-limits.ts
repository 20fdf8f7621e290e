import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { ROUTE_ACCESS, type RouteAccess } from './route-access.decorator';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';
import type { StaffRequest } from './staff-access.guard';

/**
 * Rate limits (issue 12, item 5; docs/security.md "Rate limits"): per signed-in account on staff
 * routes, per gateway credential on ingest. They are caps against a runaway script or a stolen
 * token, set far above what a person or a gateway does (a gateway posts about once a second per
 * device; a page a few requests a minute; a script polling every 100 ms 600 a minute), so that
 * monitoring never waits on them. Sign-in has its own back-off (sign-in-backoff.ts); health and the
 * page's files are not limited.
 */
export const STAFF_REQUESTS_PER_MINUTE = 3_000;
export const GATEWAY_REQUESTS_PER_10_SECONDS = 2_000;

function accessOf(context: ExecutionContext): RouteAccess | undefined {
  return (Reflect.getMetadata(ROUTE_ACCESS, context.getHandler()) ?? Reflect.getMetadata(ROUTE_ACCESS, context.getClass())) as RouteAccess | undefined;
}

export const RATE_LIMITS: ThrottlerModuleOptions = {
  throttlers: [
    { name: 'account', ttl: 60_000, limit: STAFF_REQUESTS_PER_MINUTE, skipIf: (context) => !['staff', 'signed-in'].includes(accessOf(context)?.kind ?? '') },
    { name: 'gateway', ttl: 10_000, limit: GATEWAY_REQUESTS_PER_10_SECONDS, skipIf: (context) => accessOf(context)?.kind !== 'gateway' },
  ],
  storage: new FixedWindowThrottlerStorage(),
  errorMessage: 'too many requests from this account or gateway: slow down and retry after the time in Retry-After',
};

/** Counts per account (the guard before it authenticated the request) or per gateway token, never per address. */
@Injectable()
export class AccountOrGatewayThrottler extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const staff = (request as StaffRequest).staff;
    if (staff) return `account:${staff.username}`;
    const authorization = String((request as StaffRequest).headers.authorization ?? '');
    return `gateway:${createHash('sha256').update(authorization).digest('hex')}`;
  }
}

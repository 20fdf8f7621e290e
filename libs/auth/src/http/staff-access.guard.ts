import { ForbiddenException, Inject, Injectable, Logger, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CLOCK, type Clock } from '@vigil/platform';
import { rolesAllow } from '../roles';
import { authenticate } from '../staff-sessions';
import type { AccountStore, StaffSession } from '../store/account-store';
import { ROUTE_ACCESS, type RouteAccess } from './route-access.decorator';
import { presentedToken } from './session-cookie';
import { ACCOUNT_STORE } from './tokens';

export type StaffRequest = { headers: Record<string, string | string[] | undefined>; staff?: StaffSession; staffToken?: string };

/**
 * The global guard: every HTTP route has a decision (route-access.decorator.ts) and the guard
 * applies it. No credentials or an ended session: 401; a signed-in account whose roles lack the
 * permission: 403 naming both. The session is read from the accounts file on every request, so a
 * disabled account is refused on its next request (docs/security.md).
 */
@Injectable()
export class StaffAccessGuard implements CanActivate {
  private readonly log = new Logger('StaffAccessGuard');

  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true; // socket.io is checked at its handshake (socket-access.ts)
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]);
    if (!access) {
      // Closed by default: a route someone forgot to decide on is refused, not opened.
      this.log.error(`${context.getClass().name}.${context.getHandler().name} has no role decision; refused`);
      throw new ForbiddenException('this route has no role decision yet');
    }
    if (access.kind === 'public' || access.kind === 'gateway') return true;
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const token = presentedToken(request.headers);
    if (token === undefined) throw new UnauthorizedException('sign in first: POST /api/v1/auth/sign-in, then send the session cookie or Authorization: Bearer <token>');
    const session = authenticate(this.accounts, token, this.clock.now());
    if (!session) throw new UnauthorizedException('the session has ended or the account is disabled: sign in again');
    request.staff = session;
    request.staffToken = token;
    if (access.kind === 'staff' && !access.permissions.some((permission) => rolesAllow(session.roles, permission))) {
      throw new ForbiddenException(`${access.permissions.join(' or ')} needs a role that allows it; ${session.username} has ${session.roles.join(', ')}`);
    }
    return true;
  }
}

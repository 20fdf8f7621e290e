import { Body, Controller, Get, HttpCode, HttpException, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@vigil/platform';
import type { FastifyReply } from 'fastify';
import { SignInBackoff } from '../sign-in-backoff';
import { signIn, signOut } from '../staff-sessions';
import type { AccountStore, StaffSession } from '../store/account-store';
import { PublicRoute, RequiresSignedIn } from './route-access.decorator';
import { clearedSessionCookie, sessionCookie } from './session-cookie';
import { SignInDto } from './sign-in.dto';
import { SignedInStaff } from './signed-in-staff.decorator';
import type { StaffRequest } from './staff-access.guard';
import { ACCOUNT_STORE } from './tokens';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly backoff: SignInBackoff,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @PublicRoute('the way in')
  @ApiOperation({ summary: 'Sign in: 200 {token, expiresAt, roles} and the session cookie; 401 for any wrong name, password or disabled account; 429 with Retry-After after repeated failures' })
  async signIn(@Body() body: SignInDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const now = this.clock.now();
    const waitMs = this.backoff.waitMs(body.username, now.getTime());
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      void reply.header('retry-after', String(seconds));
      throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: `too many failed sign-ins for ${body.username}: try again in ${seconds} s`, retryAfterSeconds: seconds }, 429);
    }
    const signedIn = await signIn(this.accounts, body.username, body.password, now);
    if (!signedIn) {
      this.backoff.failed(body.username, now.getTime());
      throw new UnauthorizedException('wrong username or password, or the account is disabled');
    }
    this.backoff.succeeded(body.username);
    void reply.header('set-cookie', sessionCookie(signedIn.token)).header('cache-control', 'no-store');
    return { token: signedIn.token, expiresAt: signedIn.expiresAt, roles: signedIn.roles };
  }

  @Post('sign-out')
  @HttpCode(200)
  @RequiresSignedIn()
  @ApiOperation({ summary: 'End this session server-side (the cookie and the bearer token stop working at once)' })
  signOut(@Req() request: StaffRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (request.staffToken) signOut(this.accounts, request.staffToken, this.clock.now());
    void reply.header('set-cookie', clearedSessionCookie());
    return { signedOut: true };
  }

  @Get('session')
  @RequiresSignedIn()
  @ApiOperation({ summary: 'Who is signed in: {username, roles, expiresAt} (the page asks before showing anything)' })
  session(@SignedInStaff() staff: StaffSession) {
    return staff;
  }
}

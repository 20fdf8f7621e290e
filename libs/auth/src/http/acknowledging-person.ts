import { ForbiddenException, HttpException, Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@vigil/platform';
import { checkDisplayPin, PinAttempts } from '../display-pin';
import { rolesAllow } from '../roles';
import type { AccountStore, StaffSession } from '../store/account-store';
import { ACCOUNT_STORE } from './tokens';

/**
 * Who acknowledges (docs/security.md, "Display PIN"): on a personal session the signed-in account,
 * one click as before; on a display, the person whose username and PIN came with the request.
 */
@Injectable()
export class AcknowledgingPerson {
  constructor(
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly attempts: PinAttempts,
  ) {}

  async of(staff: StaffSession, person: { username: string; pin: string } | undefined): Promise<string> {
    if (rolesAllow(staff.roles, 'acknowledge')) return staff.username;
    if (!person) throw new ForbiddenException('on a shared display an acknowledgement needs the person: {person: {username, pin}}');
    const check = await checkDisplayPin(this.accounts, this.attempts, person.username, person.pin, this.clock.now().getTime());
    if (check.ok) return check.username;
    throw new HttpException({ statusCode: check.status, error: check.status === 429 ? 'Too Many Requests' : 'Forbidden', message: check.reason, errors: [{ field: 'person', message: check.reason }] }, check.status);
  }
}

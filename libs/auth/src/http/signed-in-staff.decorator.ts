import { createParamDecorator, InternalServerErrorException, type ExecutionContext } from '@nestjs/common';
import type { StaffSession } from '../store/account-store';
import type { StaffRequest } from './staff-access.guard';

/**
 * The account the guard authenticated. Commands take their `by` from here (issue 12: a `by` sent
 * by the client no longer decides who acted).
 */
export const SignedInStaff = createParamDecorator((_data: unknown, context: ExecutionContext): StaffSession => {
  const staff = context.switchToHttp().getRequest<StaffRequest>().staff;
  if (!staff) throw new InternalServerErrorException('no signed-in account on a staff route (is the route marked public?)');
  return staff;
});

import { isZonedCalendarTime, timeFormatReason } from '@vigil/domain';
import { ValidateBy } from 'class-validator';

/**
 * An optional clinical time in a staff command: the same format rule as the gateways' readings (a
 * zone and a date that exists). Its distance from the server clock is checked where the clock is
 * (SessionsService), with the same limits (libs/domain/src/clinical-time.ts).
 */
export const ClinicalTimeField = () =>
  ValidateBy({
    name: 'is-clinical-time',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isZonedCalendarTime(value),
      defaultMessage: (args) => `${args?.property ?? 'time'} ${timeFormatReason(typeof args?.value === 'string' ? JSON.stringify(args.value.slice(0, 40)) : typeof args?.value)}`,
    },
  });

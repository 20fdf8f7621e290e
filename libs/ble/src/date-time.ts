/**
 * The Bluetooth Date Time (0x2A08) value, also the time stamp of 0x2A35, 0x2A36 and 0x2A5E
 * (docs/ble-gatt.md §1.3). It is the device's local wall-clock time with no time zone, kept exactly as sent.
 */
export interface DateTimeValue {
  /** 1582–9999; 0 = not known. */
  readonly year: number;
  /** 1–12; 0 = not known. */
  readonly month: number;
  /** 1–31; 0 = not known. */
  readonly day: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

export type DateTimeField = keyof DateTimeValue;

export const DATE_TIME_SIZE = 7;

/** Allowed values per field (docs/ble-gatt.md §1.3). Year, month and day also allow 0 for "not known". */
const DATE_TIME_RANGES: Readonly<Record<DateTimeField, { min: number; max: number; unknownIsZero: boolean }>> = {
  year: { min: 1582, max: 9999, unknownIsZero: true },
  month: { min: 1, max: 12, unknownIsZero: true },
  day: { min: 1, max: 31, unknownIsZero: true },
  hours: { min: 0, max: 23, unknownIsZero: false },
  minutes: { min: 0, max: 59, unknownIsZero: false },
  seconds: { min: 0, max: 59, unknownIsZero: false },
};

/** Field order on the wire. */
export const DATE_TIME_FIELDS: readonly DateTimeField[] = ['year', 'month', 'day', 'hours', 'minutes', 'seconds'];

/** Byte offset of each field inside the 7-byte value (the year is a uint16). */
export const DATE_TIME_OFFSETS: Readonly<Record<DateTimeField, number>> = {
  year: 0,
  month: 2,
  day: 3,
  hours: 4,
  minutes: 5,
  seconds: 6,
};

export function isValidDateTimeField(field: DateTimeField, value: number): boolean {
  const range = DATE_TIME_RANGES[field];
  if (!Number.isInteger(value)) return false;
  return (range.unknownIsZero && value === 0) || (value >= range.min && value <= range.max);
}

/** The allowed values of `field`, for error messages: `1–12, or 0 for not known`. */
export function allowedDateTimeValues(field: DateTimeField): string {
  const range = DATE_TIME_RANGES[field];
  return `${range.min}–${range.max}${range.unknownIsZero ? ', or 0 for not known' : ''}`;
}

/**
 * Whether the date part is known. A year, month or day of 0 means the device does not know the
 * date (docs/ble-gatt.md §0.6: Nordic's BPM test sends year 0; an Omron cuff behind Cassia sends all zeros).
 */
export function isDateKnown(dateTime: DateTimeValue): boolean {
  return dateTime.year !== 0 && dateTime.month !== 0 && dateTime.day !== 0;
}

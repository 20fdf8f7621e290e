import type { DateTimeValue } from './date-time';
import type { FieldReader } from './decode/field-reader';

/** Date Time, 0x2A08: exactly the 7-byte value of docs/ble-gatt.md §1.3; its fields are the whole output. */
export function decodeDateTime(reader: FieldReader): DateTimeValue {
  return reader.dateTime({ key: '', label: 'Date Time' });
}

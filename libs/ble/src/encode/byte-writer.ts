import { type DateTimeValue, allowedDateTimeValues, DATE_TIME_FIELDS, isValidDateTimeField } from '../date-time';
import { encodeSfloat } from './sfloat';

/**
 * Builds a characteristic value field by field, little-endian (docs/ble-gatt.md §0.1). Every write checks its
 * input and throws a RangeError naming the field, so a simulator bug never becomes a valid-looking
 * but wrong packet. `context` prefixes messages, e.g. `encodePlxContinuous`.
 */
export class ByteWriter {
  private readonly bytes: number[] = [];

  constructor(private readonly context: string) {}

  uint8(value: number, field: string): this {
    this.checkUnsigned(value, 8, field);
    this.bytes.push(value);
    return this;
  }

  uint16(value: number, field: string): this {
    this.checkUnsigned(value, 16, field);
    this.bytes.push(value & 0xff, (value >> 8) & 0xff);
    return this;
  }

  uint24(value: number, field: string): this {
    this.checkUnsigned(value, 24, field);
    this.bytes.push(value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff);
    return this;
  }

  /** `null` is sent as the SFLOAT NaN special: "value unavailable" (docs/ble-gatt.md §0.5, §2.1). */
  sfloat(value: number | null, field: string): this {
    let word: number;
    try {
      word = encodeSfloat(value ?? 'NaN');
    } catch (error) {
      throw new RangeError(`${this.context}: ${field}: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.bytes.push(word & 0xff, word >> 8);
    return this;
  }

  dateTime(value: DateTimeValue, field: string): this {
    for (const part of DATE_TIME_FIELDS) {
      if (!isValidDateTimeField(part, value[part])) {
        throw new RangeError(
          `${this.context}: ${field}.${part} ${value[part]} is out of range (${allowedDateTimeValues(part)})`,
        );
      }
    }
    this.bytes.push(value.year & 0xff, value.year >> 8, value.month, value.day, value.hours, value.minutes, value.seconds);
    return this;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  private checkUnsigned(value: number, bits: number, field: string): void {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
      throw new RangeError(`${this.context}: ${field} ${value} is not ${bits === 8 ? 'an' : 'a'} ${bits}-bit unsigned integer`);
    }
  }
}

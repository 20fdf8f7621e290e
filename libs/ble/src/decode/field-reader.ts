import {
  allowedDateTimeValues,
  DATE_TIME_FIELDS,
  DATE_TIME_OFFSETS,
  DATE_TIME_SIZE,
  type DateTimeValue,
  isValidDateTimeField,
} from '../date-time';
import { BleDecodeError } from '../errors';
import { decodeSfloat } from '../ieee11073/sfloat';
import type { MedicalFloat } from '../ieee11073/special-value';

/** Which characteristic is being read, for error messages: `PLX Continuous Measurement (0x2A5F)`. */
export interface CharacteristicIdentity {
  /** Canonical id, `0x` + four uppercase hex digits. */
  readonly id: string;
  readonly name: string;
}

/** A field of a characteristic value, as named in errors. */
export interface FieldSpec {
  /** JSON key of the field in decoded output (`''` when the field is the whole value, as in 0x2A08). */
  readonly key: string;
  /** The specification's name, for messages. */
  readonly label: string;
  /** Mask of the flags bit that announces this field; absent for fields that are always present. */
  readonly flag?: number;
}

/**
 * A cursor over one characteristic value. Every read checks that the bytes are there first and
 * otherwise throws a {@link BleDecodeError} naming the field, its offset and the flags that asked
 * for it; it never reads past the end (docs/ble-gatt.md §5: reject rather than read past the end). Multi-byte
 * fields are little-endian (docs/ble-gatt.md §0.1).
 */
export class FieldReader {
  private offset = 0;
  /** The value's flags as read, quoted when a field they announce is missing. */
  private flags: { readonly label: string; readonly value: number; readonly digits: number } | undefined;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly characteristic: CharacteristicIdentity,
  ) {}

  /** Reads the leading flags byte, remembered so later errors can quote it. */
  readFlags(): number {
    const value = this.uint8({ key: 'flags', label: 'Flags' });
    this.flags = { label: 'flags', value, digits: 2 };
    return value;
  }

  /** Reads a 16-bit word whose bits announce later fields (PLX Features' Supported Features). */
  readFlagWord(field: FieldSpec): number {
    const value = this.uint16(field);
    this.flags = { label: field.label, value, digits: 4 };
    return value;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  uint8(field: FieldSpec): number {
    const at = this.take(field, 1);
    return this.byteAt(at);
  }

  uint16(field: FieldSpec): number {
    const at = this.take(field, 2);
    return this.byteAt(at) | (this.byteAt(at + 1) << 8);
  }

  /** 24-bit little-endian, as used by the PLX Device and Sensor Status (docs/ble-gatt.md §2.4, §5). */
  uint24(field: FieldSpec): number {
    const at = this.take(field, 3);
    return this.byteAt(at) | (this.byteAt(at + 1) << 8) | (this.byteAt(at + 2) << 16);
  }

  sfloat(field: FieldSpec): MedicalFloat {
    return decodeSfloat(this.uint16(field));
  }

  /** A 7-byte Date Time (docs/ble-gatt.md §1.3); a field outside its range is an error, not a guess. */
  dateTime(field: FieldSpec): DateTimeValue {
    const at = this.take(field, DATE_TIME_SIZE);
    const value: DateTimeValue = {
      year: this.byteAt(at) | (this.byteAt(at + 1) << 8),
      month: this.byteAt(at + 2),
      day: this.byteAt(at + 3),
      hours: this.byteAt(at + 4),
      minutes: this.byteAt(at + 5),
      seconds: this.byteAt(at + 6),
    };
    for (const part of DATE_TIME_FIELDS) {
      if (isValidDateTimeField(part, value[part])) continue;
      const offset = at + DATE_TIME_OFFSETS[part];
      const subject = field.key === '' ? part : `${field.label} ${part}`;
      throw new BleDecodeError(
        `${this.describeCharacteristic()}: ${subject} ${value[part]} at offset ${offset} is out of range (${allowedDateTimeValues(part)})`,
        { field: field.key === '' ? part : `${field.key}.${part}`, characteristic: this.characteristic.id, offset },
      );
    }
    return value;
  }

  private take(field: FieldSpec, size: number): number {
    if (this.remaining < size) throw this.missing(field, size);
    const at = this.offset;
    this.offset += size;
    return at;
  }

  private byteAt(index: number): number {
    // take() has checked the length, so the index is always inside the value.
    return this.bytes[index] ?? 0;
  }

  private missing(field: FieldSpec, size: number): BleDecodeError {
    const span = `at offset ${this.offset} (${plural(size, 'byte')})`;
    const shortfall = `but only ${plural(this.remaining, 'byte')} ${this.remaining === 1 ? 'remains' : 'remain'}`;
    const demand =
      field.flag !== undefined && this.flags !== undefined
        ? `${this.flags.label} ${hex(this.flags.value, this.flags.digits)} (bit ${Math.log2(field.flag)} set) require ${field.label} ${span}`
        : `${field.label} is required ${span}`;
    return new BleDecodeError(`${this.describeCharacteristic()}: ${demand}, ${shortfall}`, {
      field: field.key,
      characteristic: this.characteristic.id,
      offset: this.offset,
    });
  }

  private describeCharacteristic(): string {
    return `${this.characteristic.name} (${this.characteristic.id})`;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function hex(value: number, digits: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(digits, '0')}`;
}

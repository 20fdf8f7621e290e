/**
 * The library's error types. Every decode failure names the characteristic, the field and the
 * offset, so a gateway vendor can find the byte at fault without a debugger (STYLE: errors carry
 * their context).
 */

export interface BleDecodeErrorContext {
  /** JSON key of the missing or bad field, e.g. `measurementStatus`, `timestamp.month`, `hex`. */
  readonly field: string;
  /** Canonical characteristic id such as `0x2A5F`, when the error belongs to one. */
  readonly characteristic?: string;
  /** Byte offset in the value where the field starts (or should have started). */
  readonly offset?: number;
}

export class BleDecodeError extends Error {
  override readonly name: string = 'BleDecodeError';
  readonly field: string;
  readonly characteristic?: string;
  readonly offset?: number;

  constructor(message: string, context: BleDecodeErrorContext) {
    super(message);
    this.field = context.field;
    if (context.characteristic !== undefined) this.characteristic = context.characteristic;
    if (context.offset !== undefined) this.offset = context.offset;
  }
}

/** A hex string that is empty, has an odd number of digits or a character that is not hex. */
export class InvalidHexError extends BleDecodeError {
  override readonly name = 'InvalidHexError';

  constructor(reason: string, hex: string) {
    super(`invalid hex ${JSON.stringify(abbreviate(hex))}: ${reason}`, { field: 'hex' });
  }
}

/** A characteristic string that is not a UUID form we accept, or a UUID with no decoder. */
export class UnknownCharacteristicError extends Error {
  override readonly name = 'UnknownCharacteristicError';

  constructor(
    readonly characteristic: string,
    reason: string,
  ) {
    super(`unknown characteristic ${JSON.stringify(abbreviate(characteristic))}: ${reason}`);
  }
}

const MAX_ECHOED_INPUT = 80;

function abbreviate(input: string): string {
  return input.length <= MAX_ECHOED_INPUT ? input : `${input.slice(0, MAX_ECHOED_INPUT)}…`;
}

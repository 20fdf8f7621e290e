import { BleDecodeError } from '../errors';

/** Runs `decode` and returns the BleDecodeError it throws; fails the test if it throws nothing or something else. */
export function captureDecodeError(decode: () => unknown): BleDecodeError {
  try {
    decode();
  } catch (error) {
    if (error instanceof BleDecodeError) return error;
    throw error;
  }
  throw new Error('expected a BleDecodeError, but decoding succeeded');
}

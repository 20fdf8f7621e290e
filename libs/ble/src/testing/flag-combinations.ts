/** Every value of the low `bits` bits, 0 … 2^bits − 1, for tests that must cover all flag combinations. */
export function allFlagCombinations(bits: number): number[] {
  return Array.from({ length: 2 ** bits }, (_, flags) => flags);
}

/** Bytes of `length` zeros with `flags` first: zero is a valid SFLOAT, status word and (unknown) Date Time. */
export function zeroPayload(flags: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes[0] = flags;
  return bytes;
}

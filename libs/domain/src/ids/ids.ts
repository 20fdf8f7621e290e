import { reservedIdPrefixes } from './stream-categories';

/*
 * The rules for every id that comes from outside (HTTP bodies and paths, gateway readings, CLI
 * options, socket messages): one definition, used by every entry point (docs/identifiers.md).
 * Ids only ever serve as Map keys, stream-name suffixes and URL segments, never as property
 * names of plain objects, so `constructor` or `__proto__` is an ordinary id.
 */
type IdRule = { pattern: RegExp; describe: string };

const DEVICE_ALPHABET = /^[A-Za-z0-9._:-]{1,64}$/;

export const ID_RULES = {
  sessionId: { pattern: /^[A-Za-z0-9_-]{1,64}$/, describe: '1-64 letters, digits, - or _' },
  deviceId: { pattern: DEVICE_ALPHABET, describe: '1-64 letters, digits, . _ : or -' },
  gatewayId: { pattern: DEVICE_ALPHABET, describe: '1-64 letters, digits, . _ : or -' },
  // Alert ids are built by the engine as alert~<session>~<rule>~<time>; session ids hold no `~`.
  alertId: { pattern: /^alert~[A-Za-z0-9_-]{1,64}~[a-z0-9][a-z0-9-]{0,99}~\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z(~\d{1,6})?$/, describe: 'an alert id such as alert~s1~spo2-low~2026-11-29T10:00:15.000Z' },
  idempotencyKey: { pattern: /^[A-Za-z0-9._:-]{8,128}$/, describe: '8-128 letters, digits, . _ : or - (a UUID is ideal)' },
} as const satisfies Record<string, IdRule>;

export type IdKind = keyof typeof ID_RULES;

/** Why `value` is not a valid id of this kind, or undefined when it is. */
export function idProblem(kind: IdKind, value: unknown): string | undefined {
  const rule: IdRule = ID_RULES[kind];
  if (typeof value !== 'string' || !rule.pattern.test(value)) return `${kind} must be ${rule.describe}`;
  const reserved = reservedIdPrefixes(kind).find((prefix) => value.startsWith(prefix));
  if (reserved !== undefined) return `${kind} must not start with "${reserved}" (reserved for another kind of record)`;
  return undefined;
}

export const isValidId = (kind: IdKind, value: unknown): value is string => idProblem(kind, value) === undefined;

export class InvalidIdError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidIdError';
  }
}

/** Returns the id, or throws InvalidIdError naming the field. */
export function requireId(kind: IdKind, value: unknown, field: string = kind): string {
  const problem = idProblem(kind, value);
  if (problem !== undefined) throw new InvalidIdError(field, problem);
  return value as string;
}

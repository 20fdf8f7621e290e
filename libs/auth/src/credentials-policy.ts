import { randomBytes } from 'node:crypto';

/**
 * Usernames and passwords (docs/security.md, "Accounts"). Length rules follow NIST SP 800-63B as
 * the OWASP Authentication Cheat Sheet summarises it: at least 12 characters here (the page is
 * reached over the clinic network), at most 128 (so hashing cost stays bounded), any characters,
 * no composition rules.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The reason a username is not one, or undefined. Lower case so `Kim` and `kim` cannot be two people. */
export function usernameProblem(username: unknown): string | undefined {
  if (typeof username !== 'string' || username === '') return 'username is required';
  if (!USERNAME.test(username)) return 'username must be 1-64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit';
  return undefined;
}

export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string' || password === '') return 'password is required';
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters, got ${length}`;
  if (length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters, got ${length}`;
  return undefined;
}

/** 144 random bits as 24 URL-safe characters: printed once, never stored in clear. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

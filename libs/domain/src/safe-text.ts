/*
 * Characters no name, room or note may hold (docs/identifiers.md "Free text"): control characters
 * (a terminal escape in a log, a NUL in an export), and the Unicode bidirectional controls that
 * make text display in another order than it is stored (the "Trojan Source" class, CVE-2021-42574),
 * so a pseudonym cannot show one patient's label while storing another. Notes may keep line breaks
 * and tabs; single-line fields may not.
 */
const SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;
const MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** Why the text cannot be stored, or undefined when it can. */
export function unsafeTextProblem(text: string, multiline = false): string | undefined {
  const match = (multiline ? MULTI_LINE : SINGLE_LINE).exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `must not contain control or bidirectional-override characters (found U+${code} at position ${match.index})`;
}

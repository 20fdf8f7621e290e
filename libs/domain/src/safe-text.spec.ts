import { unsafeTextProblem } from './safe-text';

const BIDI = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const CONTROLS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f', ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i))];

describe('text that may be stored', () => {
  it('refuses every control character in a single-line field, saying which and where', () => {
    for (const c of CONTROLS) expect(unsafeTextProblem(`P-${c}42`)).toBe(`must not contain control or bidirectional-override characters (found U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at position 2)`);
  });

  it('refuses every bidirectional control, in names and in notes', () => {
    for (const c of BIDI) {
      expect(unsafeTextProblem(`Room ${c}2`)).toBeDefined();
      expect(unsafeTextProblem(`note ${c}`, true)).toBeDefined();
    }
  });

  it('lets notes keep line breaks and tabs, and nothing else of the control range', () => {
    expect(unsafeTextProblem('line one\nline two\r\n\tindented', true)).toBeUndefined();
    expect(unsafeTextProblem('line one\nline two')).toBeDefined();
    expect(unsafeTextProblem('bell\u0007', true)).toBeDefined();
  });

  it('keeps ordinary text of any script, emoji included', () => {
    for (const text of ['Dr Reyes', 'Zimmer 2 – Süd', 'غرفة ٢', 'חדר 3', '病室 4', 'P-0042 👍🏽', '<img src=x onerror=alert(1)>']) expect(unsafeTextProblem(text)).toBeUndefined();
  });
});

import { generatePassword, passwordProblem, usernameProblem } from './credentials-policy';

describe('usernames', () => {
  it.each(['admin', 'kim', 'dr.reyes', 'e2e-clinician', 'a_1'])('accepts %s', (name) => expect(usernameProblem(name)).toBeUndefined());
  it.each([
    ['', 'username is required'],
    ['Kim', 'username must be 1-64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit'],
    ['-kim', 'username must be 1-64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit'],
    ['nurse kim', 'username must be 1-64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit'],
    ['k'.repeat(65), 'username must be 1-64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit'],
  ])('refuses %j: %s', (name, reason) => expect(usernameProblem(name)).toBe(reason));
});

describe('passwords', () => {
  it('needs at least 12 and at most 128 characters, counted as characters not bytes', () => {
    expect(passwordProblem('elevenchars')).toBe('password must be at least 12 characters, got 11');
    expect(passwordProblem('twelve chars')).toBeUndefined();
    expect(passwordProblem('ü'.repeat(128))).toBeUndefined();
    expect(passwordProblem('x'.repeat(129))).toBe('password must be at most 128 characters, got 129');
    expect(passwordProblem(undefined)).toBe('password is required');
  });

  it('generates passwords that pass the policy and differ each time', () => {
    const a = generatePassword();
    expect(passwordProblem(a)).toBeUndefined();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});

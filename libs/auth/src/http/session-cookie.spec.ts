import { cookieValue, presentedToken, sessionCookie } from './session-cookie';

describe('the session cookie', () => {
  it('is HttpOnly, Secure and SameSite=Strict, for the whole site', () => {
    expect(sessionCookie('tok')).toBe('vigil_session=tok; Path=/; HttpOnly; Secure; SameSite=Strict');
  });

  it('is found among other cookies', () => {
    expect(cookieValue('a=1; vigil_session=abc; b=2', 'vigil_session')).toBe('abc');
    expect(cookieValue('a=1', 'vigil_session')).toBeUndefined();
    expect(cookieValue(undefined, 'vigil_session')).toBeUndefined();
  });

  it('loses to a bearer token, which programs send', () => {
    expect(presentedToken({ authorization: 'Bearer from-header', cookie: 'vigil_session=from-cookie' })).toBe('from-header');
    expect(presentedToken({ cookie: 'vigil_session=from-cookie' })).toBe('from-cookie');
    expect(presentedToken({ authorization: 'Basic abc' })).toBeUndefined();
  });
});

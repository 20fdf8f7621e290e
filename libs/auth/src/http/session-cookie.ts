/**
 * The page's session cookie (docs/security.md, "Cookies"): HttpOnly so no script reads it, Secure,
 * SameSite=Strict so no other site's page sends it, the `__Host-` prefix is not used because the
 * app also answers on plain loopback HTTP in development, where browsers treat 127.0.0.1 as secure.
 * No Max-Age: the browser forgets it when closed; the server ends it after the idle time.
 */
export const SESSION_COOKIE = 'vigil_session';

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`;
}

/** The value of one cookie in a Cookie header (RFC 6265 §5.4: `name=value` pairs split by `; `). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** A bearer token (API clients) or else the session cookie (the page). */
export function presentedToken(headers: { authorization?: string | string[]; cookie?: string | string[] }): string | undefined {
  const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookieValue(typeof headers.cookie === 'string' ? headers.cookie : undefined, SESSION_COOKIE);
}

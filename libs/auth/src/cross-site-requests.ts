/**
 * Refusing cross-site requests (docs/security.md, "Cross-site requests"), as the OWASP Cross-Site
 * Request Forgery Prevention Cheat Sheet recommends for APIs: Fetch Metadata (`Sec-Fetch-Site`)
 * first, the `Origin` header where a browser sends no Fetch Metadata, and state-changing requests
 * only as `application/json`, which a plain HTML form cannot send. Programs (gateways, the CLI,
 * curl) send neither header and are not browsers a foreign page can drive.
 */
export type RequestFacts = { method: string; host: string | undefined; origin: string | undefined; secFetchSite: string | undefined; contentType: string | undefined; hasBody: boolean };

export type CrossSiteRefusal = { status: 403 | 415; reason: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `allowedOrigins`: origins configured besides the app's own (VIGIL_ALLOWED_ORIGINS). */
export function originProblem(facts: Pick<RequestFacts, 'host' | 'origin' | 'secFetchSite'>, allowedOrigins: readonly string[]): string | undefined {
  const { origin, host, secFetchSite } = facts;
  if (origin !== undefined && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return `Origin ${JSON.stringify(origin.slice(0, 100))} is not an origin`;
    }
    if (originHost === host || allowedOrigins.includes(origin)) return undefined;
    return `requests from ${origin} are refused: only this site and the configured origins may send them`;
  }
  if (secFetchSite !== undefined && secFetchSite !== 'same-origin' && secFetchSite !== 'none') {
    return `a ${secFetchSite} request is refused: only pages of this site may send it`;
  }
  if (origin === 'null') return 'requests from an opaque origin are refused';
  return undefined;
}

export function crossSiteRefusal(facts: RequestFacts, allowedOrigins: readonly string[]): CrossSiteRefusal | undefined {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return undefined;
  const problem = originProblem(facts, allowedOrigins);
  if (problem) return { status: 403, reason: problem };
  const mediaType = facts.contentType?.split(';')[0]?.trim().toLowerCase();
  if (facts.hasBody && mediaType !== 'application/json') {
    return { status: 415, reason: `a ${facts.method.toUpperCase()} body must be application/json, got ${mediaType ? JSON.stringify(mediaType) : 'no content-type'}` };
  }
  return undefined;
}

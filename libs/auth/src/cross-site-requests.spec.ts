import { crossSiteRefusal, type RequestFacts } from './cross-site-requests';

const json: RequestFacts = { method: 'POST', host: 'vigil.clinic:3000', origin: undefined, secFetchSite: undefined, contentType: 'application/json', hasBody: true };

describe('cross-site requests', () => {
  it('lets through a program (no Origin, no Fetch Metadata) and the page itself', () => {
    expect(crossSiteRefusal(json, [])).toBeUndefined();
    expect(crossSiteRefusal({ ...json, origin: 'https://vigil.clinic:3000', secFetchSite: 'same-origin' }, [])).toBeUndefined();
    expect(crossSiteRefusal({ ...json, contentType: 'application/json; charset=utf-8' }, [])).toBeUndefined();
  });

  it('refuses another site, by Origin or by Sec-Fetch-Site, naming it', () => {
    expect(crossSiteRefusal({ ...json, origin: 'https://evil.example' }, [])).toEqual({ status: 403, reason: 'requests from https://evil.example are refused: only this site and the configured origins may send them' });
    expect(crossSiteRefusal({ ...json, secFetchSite: 'cross-site' }, [])).toEqual({ status: 403, reason: 'a cross-site request is refused: only pages of this site may send it' });
    expect(crossSiteRefusal({ ...json, secFetchSite: 'same-site' }, [])?.status).toBe(403);
    expect(crossSiteRefusal({ ...json, origin: 'null' }, [])?.status).toBe(403);
  });

  it('lets a configured origin through', () => {
    expect(crossSiteRefusal({ ...json, origin: 'https://wall.clinic' }, ['https://wall.clinic'])).toBeUndefined();
  });

  it('refuses a form-encodable body on a state-changing route (415), never a read', () => {
    expect(crossSiteRefusal({ ...json, contentType: 'text/plain' }, [])).toEqual({ status: 415, reason: 'a POST body must be application/json, got "text/plain"' });
    expect(crossSiteRefusal({ ...json, contentType: 'application/x-www-form-urlencoded' }, [])?.status).toBe(415);
    expect(crossSiteRefusal({ ...json, method: 'DELETE', contentType: undefined, hasBody: false }, [])).toBeUndefined();
    expect(crossSiteRefusal({ ...json, method: 'GET', origin: 'https://evil.example', contentType: 'text/plain' }, [])).toBeUndefined();
  });
});

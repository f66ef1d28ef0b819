import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Issuer, startIssuer } from './index.js';
import { renderConsentPage, renderLoginPage } from './pages.js';
import { authorizationUrl } from './test-support/oauth.js';

/** Starts an authorization request and returns the login page's uid, cookies and csrf field. */
async function openLogin(issuer: Issuer) {
  const start = await fetch(authorizationUrl(issuer).url, { redirect: 'manual' });
  const location = new URL(start.headers.get('location') ?? '', issuer.url);
  const cookie = start.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const page = await fetch(location, { headers: { cookie } });
  const html = await page.text();
  return {
    uid: location.pathname.split('/').pop() ?? '',
    cookie,
    csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
    status: page.status,
    headers: page.headers,
    html,
  };
}

describe('interaction pages', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(() => issuer.close());

  const postLogin = (
    uid: string,
    headers: Record<string, string>,
    fields: Record<string, string>,
  ) =>
    fetch(new URL(`/interaction/${uid}/login`, issuer.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields),
    });

  it('serves the login form without scripts or framing, and signs in with a 303', async () => {
    const login = await openLogin(issuer);
    expect(login.status).toBe(200);
    expect(login.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect(login.html).toContain('<form id="login" method="post"');
    expect(login.html).not.toContain('<script');

    const ok = await postLogin(
      login.uid,
      { cookie: login.cookie, origin: issuer.url },
      { csrf: login.csrf, username: 'demo', password: 'demo' },
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${issuer.url}/auth/${login.uid}`);
  });

  it('refuses a login POST with a wrong csrf field or from another origin', async () => {
    const login = await openLogin(issuer);
    const forged = await postLogin(
      login.uid,
      { cookie: login.cookie },
      { csrf: 'forged', username: 'demo', password: 'demo' },
    );
    expect(forged.status).toBe(403);
    const crossSite = await postLogin(
      login.uid,
      { cookie: login.cookie, origin: 'http://evil.example' },
      { csrf: login.csrf, username: 'demo', password: 'demo' },
    );
    expect(crossSite.status).toBe(403);
  });

  it('answers 400 without the interaction cookie (another browser, or expired)', async () => {
    const login = await openLogin(issuer);
    const page = await fetch(new URL(`/interaction/${login.uid}`, issuer.url));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('data-outcome="error"');
    const post = await postLogin(
      login.uid,
      {},
      { csrf: login.csrf, username: 'demo', password: 'demo' },
    );
    expect(post.status).toBe(400);
  });

  it('escapes everything it echoes', () => {
    const login = renderLoginPage({
      uid: 'u1',
      csrf: 'c"1',
      clientName: '<b>x</b>',
      username: '"><script>alert(1)</script>',
      error: '<i>no</i>',
    });
    expect(login).not.toContain('<script>');
    expect(login).toContain('&quot;&gt;&lt;script&gt;');
    expect(login).toContain('&lt;b&gt;x&lt;/b&gt;');
    const consent = renderConsentPage({
      uid: 'u1',
      csrf: 'c',
      clientName: 'latch-cli',
      scopes: ['openid', '<x>'],
      claims: [],
      resourceScopes: { 'http://r/"a"': ['api:read'] },
    });
    expect(consent).toContain('&lt;x&gt;');
    expect(consent).toContain('http://r/&quot;a&quot;');
    expect(consent).toContain('name="decision" value="approve"');
    expect(consent).toContain('name="decision" value="deny"');
  });
});

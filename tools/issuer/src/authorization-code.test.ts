import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Issuer, startIssuer } from './index.js';
import { authorizationUrl, jwtPayload, login, postForm, queryOf } from './test-support/oauth.js';

describe('authorization code + PKCE', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(() => issuer.close());

  it('signs in through the pages and redirects to any loopback port with code, state and iss', async () => {
    const request = authorizationUrl(issuer);
    const redirect = await issuer.authorize(request.url);

    expect(redirect.startsWith(`${request.redirectUri}?`)).toBe(true);
    const query = queryOf(redirect);
    expect(query.state).toBe(request.state);
    expect(query.iss).toBe(issuer.url);
    expect(query.code).toMatch(/^[\w-]{20,}$/);
  });

  it('redeems the code for a JWT access token (aud = api), a refresh token and an ID token', async () => {
    const tokens = await login(issuer);

    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(typeof tokens.refresh_token).toBe('string');
    const access = jwtPayload(tokens.access_token);
    expect(access.aud).toBe(issuer.resources.api);
    expect(access.iss).toBe(issuer.url);
    expect(access.sub).toBe(issuer.demoUser.sub);
    expect(access.client_id).toBe('latch-cli');
    expect(access.scope).toBe('api:read');
    const id = jwtPayload(tokens.id_token);
    expect(id).toMatchObject({
      iss: issuer.url,
      aud: 'latch-cli',
      sub: issuer.demoUser.sub,
      email: 'demo@latch.test',
      email_verified: true,
      name: 'Demo User',
    });
  });

  it('accepts the [::1] loopback redirect on any port too', async () => {
    const request = authorizationUrl(issuer, { redirect_uri: 'http://[::1]:51234/callback' });
    const redirect = await issuer.authorize(request.url);
    expect(redirect.startsWith('http://[::1]:51234/callback?code=')).toBe(true);
  });

  it('issues a token for resources.data when the request names it', async () => {
    const tokens = await login(issuer, {
      resource: issuer.resources.data,
      scope: 'openid data:read',
    });
    expect(jwtPayload(tokens.access_token)).toMatchObject({
      aud: issuer.resources.data,
      scope: 'data:read',
    });
  });

  it('sends access_denied to the client when the user presses Deny', async () => {
    const request = authorizationUrl(issuer);
    const redirect = await issuer.authorize(request.url, { deny: true });
    const query = queryOf(redirect);
    expect(redirect.startsWith(request.redirectUri)).toBe(true);
    expect(query.error).toBe('access_denied');
    expect(query.state).toBe(request.state);
    expect(query.iss).toBe(issuer.url);
    expect(query.code).toBeUndefined();
  });

  it('refuses a request without PKCE', async () => {
    const request = authorizationUrl(issuer, { code_challenge: null, code_challenge_method: null });
    const query = queryOf(await issuer.authorize(request.url));
    expect(query.error).toBe('invalid_request');
    expect(query.error_description).toMatch(/requires PKCE/);
  });

  it('refuses the plain PKCE method', async () => {
    const request = authorizationUrl(issuer, { code_challenge_method: 'plain' });
    const query = queryOf(await issuer.authorize(request.url));
    expect(query.error).toBe('invalid_request');
    expect(query.error_description).toBe('not supported value of code_challenge_method');
  });

  it('refuses a token request with the wrong code_verifier', async () => {
    const request = authorizationUrl(issuer);
    const { code } = queryOf(await issuer.authorize(request.url));
    const answer = await postForm(issuer, {
      grant_type: 'authorization_code',
      client_id: 'latch-cli',
      code: code ?? '',
      redirect_uri: request.redirectUri,
      code_verifier: 'x'.repeat(43),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_grant');
  });

  it('refuses an unregistered redirect URI with an error page instead of redirecting', async () => {
    const request = authorizationUrl(issuer, { redirect_uri: 'http://localhost:8080/callback' });
    await expect(issuer.authorize(request.url)).rejects.toThrow(/redirect_uri/);
  });

  it('re-renders the login form with an error on a wrong password', async () => {
    const request = authorizationUrl(issuer);
    const start = await fetch(request.url, { redirect: 'manual' });
    const location = start.headers.get('location') ?? '';
    const cookies = start.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
    const page = await fetch(new URL(location, issuer.url), { headers: { cookie: cookies } });
    const html = await page.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const uid = location.split('/').pop() ?? '';
    const wrong = await fetch(new URL(`/interaction/${uid}/login`, issuer.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, username: 'demo', password: 'nope<script>' }),
    });
    const again = await wrong.text();
    expect(wrong.status).toBe(200);
    expect(again).toContain('role="alert"');
    expect(again).toContain('Wrong username or password.');
    expect(again).toContain('id="login"');
  });
});

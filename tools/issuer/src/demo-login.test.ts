import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Issuer, startIssuer } from './index.js';
import { jwtPayload, postForm } from './test-support/oauth.js';

describe('issuer.login()', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(() => issuer.close());

  it('logs the demo user in over HTTP and returns a usable session', async () => {
    issuer.grants.reset();
    const tokens = await issuer.login();
    expect(issuer.grants.count('authorization_code')).toBe(1);
    expect(jwtPayload(tokens.access_token)).toMatchObject({
      aud: issuer.resources.api,
      sub: issuer.demoUser.sub,
    });
    expect(tokens.id_token).toEqual(expect.any(String));
    expect(tokens.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const refreshed = await postForm(issuer, {
      grant_type: 'refresh_token',
      client_id: issuer.clientId,
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
  });

  it('asks for the scope and resource it is given', async () => {
    const tokens = await issuer.login({
      scope: 'openid offline_access data:read',
      resource: issuer.resources.data,
    });
    expect(jwtPayload(tokens.access_token).aud).toBe(issuer.resources.data);
    expect(tokens.scope).toContain('data:read');
  });
});

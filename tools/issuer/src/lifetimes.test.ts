import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TYPE, type Issuer, startIssuer, TOKEN_EXCHANGE_GRANT_TYPE } from './index.js';
import { TokenLifetimes } from './lifetimes.js';
import { jwtPayload, login, postForm } from './test-support/oauth.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('token lifetimes', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer({ accessTokenTtl: 1 });
  });
  afterAll(() => issuer.close());

  it('ttl 1 s: the access token says so and is refused once it expired', async () => {
    const tokens = await login(issuer);
    expect(tokens.expires_in).toBe(1);
    const claims = jwtPayload(tokens.access_token);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(1);

    const exchange = () =>
      postForm(issuer, {
        grant_type: TOKEN_EXCHANGE_GRANT_TYPE,
        client_id: issuer.clientId,
        subject_token: String(tokens.access_token),
        subject_token_type: ACCESS_TOKEN_TYPE,
        resource: issuer.resources.data,
      });
    await sleep(Math.max(0, Number(claims.exp) * 1000 - Date.now()) + 50);
    const answer = await exchange();
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: 'invalid_request',
      error_description: 'subject_token is invalid or expired',
    });
  });

  it('setTtl changes the lifetime of the next tokens at runtime', async () => {
    issuer.setTtl({ accessToken: 120 });
    try {
      const tokens = await login(issuer);
      expect(tokens.expires_in).toBe(120);
      const refreshed = await postForm(issuer, {
        grant_type: 'refresh_token',
        client_id: issuer.clientId,
        refresh_token: String(tokens.refresh_token),
      });
      expect(refreshed.body.expires_in).toBe(120);
      issuer.setTtl({ exchangedToken: 30 });
      const exchanged = await postForm(issuer, {
        grant_type: TOKEN_EXCHANGE_GRANT_TYPE,
        client_id: issuer.clientId,
        subject_token: String(tokens.access_token),
        subject_token_type: ACCESS_TOKEN_TYPE,
      });
      expect(exchanged.body.expires_in).toBe(30);
    } finally {
      issuer.setTtl({ accessToken: 1 });
    }
  });

  it('setTtl rejects values that are not positive whole seconds, changing nothing', () => {
    expect(() => issuer.setTtl({ accessToken: 0 })).toThrow(TypeError);
    expect(() => issuer.setTtl({ refreshToken: 1.5 })).toThrow(TypeError);
    expect(() => issuer.setTtl({ refreshToken: 10, deviceCode: -1 })).toThrow(/deviceCode/);
  });

  it('refresh tokens expire after refreshTokenTtl', async () => {
    issuer.setTtl({ refreshToken: 1 });
    try {
      const tokens = await login(issuer);
      await sleep(1_100);
      const refreshed = await postForm(issuer, {
        grant_type: 'refresh_token',
        client_id: issuer.clientId,
        refresh_token: String(tokens.refresh_token),
      });
      expect(refreshed.status).toBe(400);
      expect(refreshed.body.error).toBe('invalid_grant');
    } finally {
      issuer.setTtl({ refreshToken: 14 * 24 * 3600 });
    }
  });
});

describe('TokenLifetimes', () => {
  it('defaults, and lets exchangedToken follow accessToken until set', () => {
    const ttl = new TokenLifetimes();
    expect(ttl.current).toEqual({
      accessToken: 3600,
      refreshToken: 14 * 24 * 3600,
      deviceCode: 600,
      exchangedToken: 3600,
    });
    ttl.update({ accessToken: 5 });
    expect(ttl.current.exchangedToken).toBe(5);
    ttl.update({ exchangedToken: 7 });
    ttl.update({ accessToken: 9 });
    expect(ttl.current.exchangedToken).toBe(7);
  });

  it('validates every value before applying any', () => {
    const ttl = new TokenLifetimes();
    expect(() => ttl.update({ accessToken: 10, refreshToken: Number.NaN })).toThrow(TypeError);
    expect(ttl.current.accessToken).toBe(3600);
  });
});

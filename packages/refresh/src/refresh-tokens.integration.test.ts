import {
  type AuthorizationServerMetadata,
  discoverIssuer,
  OAuthError,
  readJwtClaims,
} from '@latch/core';
import { type Issuer, startIssuer } from '@latch/issuer';
import { demoSession, expectNoSecrets, rejectionOf } from '@latch/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefreshTokenRejectedError } from './refresh-token-rejected-error.js';
import { refreshTokens } from './refresh-tokens.js';

let issuer: Issuer;
let metadata: AuthorizationServerMetadata;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  metadata = await discoverIssuer(issuer.url);
});

afterAll(async () => {
  await issuer?.close();
});

describe('refreshTokens against the embedded issuer (rotating refresh tokens)', () => {
  it('returns new tokens and a new refresh token; the old one is then refused', async () => {
    const tokens = await demoSession(issuer);
    const oldRefreshToken = tokens.refreshToken as string;
    const before = issuer.grants.count('refresh_token');

    const refreshed = await refreshTokens({
      endpoint: metadata.tokenEndpoint,
      clientId: issuer.clientId,
      refreshToken: oldRefreshToken,
    });
    expect(issuer.grants.count('refresh_token')).toBe(before + 1);
    expect(refreshed.tokenType).toBe('Bearer');
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(readJwtClaims(refreshed.accessToken)?.aud).toBe(issuer.resources.api);
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).not.toBe(oldRefreshToken);
    expect(refreshed.expiresAt).toBeGreaterThan(Date.now());

    const error = await rejectionOf(() =>
      refreshTokens({
        endpoint: metadata.tokenEndpoint,
        clientId: issuer.clientId,
        refreshToken: oldRefreshToken,
      }),
    );
    expect(RefreshTokenRejectedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'refresh_token_rejected',
      error: 'invalid_grant',
      status: 400,
      errorDescription: expect.any(String),
    });
    const cause = (error as Error).cause;
    expect(OAuthError.isInstance(cause)).toBe(true);
    expect(cause).toMatchObject({ error: 'invalid_grant', status: 400 });
    expectNoSecrets(error, [oldRefreshToken, refreshed.refreshToken as string]);
  });

  it('narrows the scope when asked: without openid, no ID token', async () => {
    const tokens = await demoSession(issuer);
    const full = await refreshTokens({
      endpoint: metadata.tokenEndpoint,
      clientId: issuer.clientId,
      refreshToken: tokens.refreshToken as string,
    });
    expect(full.idToken).toEqual(expect.any(String));

    const narrowed = await refreshTokens({
      endpoint: metadata.tokenEndpoint,
      clientId: issuer.clientId,
      refreshToken: full.refreshToken as string,
      scope: ['api:read'],
    });
    expect(narrowed.scope).toBe('api:read');
    expect(narrowed.idToken).toBeUndefined();
  });

  it('passes a scope beyond the grant through as core OAuthError invalid_scope', async () => {
    const tokens = await demoSession(issuer);
    const error = await rejectionOf(() =>
      refreshTokens({
        endpoint: metadata.tokenEndpoint,
        clientId: issuer.clientId,
        refreshToken: tokens.refreshToken as string,
        scope: 'openid api:read data:read',
      }),
    );
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(RefreshTokenRejectedError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ error: 'invalid_scope', status: 400 });
    expectNoSecrets(error, [tokens.refreshToken as string]);
  });
});
